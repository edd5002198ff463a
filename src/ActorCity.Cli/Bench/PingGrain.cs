using ActorCity.Runtime;

namespace ActorCity.Cli.Bench;

/// <summary>The benchmark's grain: the smallest call there is.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}
