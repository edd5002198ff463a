using ActorCity.Cli.Bench;
using ActorCity.Runtime;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Time;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>
/// Grain calls on the deterministic scheduler, as the simulation makes them: one at a time and completing synchronously,
/// either from outside the silo (each call enters the run loop) or from one grain to another inside it. The allocation
/// column is what to read. Ping returns <c>Task.FromResult(value + 1)</c>, so its own result task is part of each call's bytes.
/// </summary>
[MemoryDiagnoser]
public class DeterministicCallBenchmarks
{
    private const int CallsPerOperation = 1000;
    private SiloHost _silo = null!;
    private IPingGrain _grain = null!;
    private IRelayGrain _relay = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _silo = await SiloHost.StartAsync(b => b
            .UseVirtualClock(new VirtualTimeProvider(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero)))
            .UseDeterministicScheduler()
            .AddGrains(typeof(PingGrain).Assembly)
            .AddGrains(typeof(RelayGrain).Assembly));
        _grain = _silo.GrainFactory.GetGrain<IPingGrain>(1);
        _relay = _silo.GrainFactory.GetGrain<IRelayGrain>(1);
        await _grain.Ping(0);
        await _relay.Relay(1);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _silo.DisposeAsync();

    [Benchmark(OperationsPerInvoke = CallsPerOperation)]
    public async Task<int> CallFromOutside()
    {
        var sum = 0;
        for (var i = 0; i < CallsPerOperation; i++)
        {
            sum += await _grain.Ping(i);
        }

        return sum;
    }

    /// <summary>One call into the relay, which then calls the ping grain 1,000 times: the per-call cost inside the run loop.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerOperation)]
    public Task<int> CallFromGrainToGrain() => _relay.Relay(CallsPerOperation);
}

public interface IRelayGrain : IGrainWithIntegerKey
{
    Task<int> Relay(int calls);
}

public sealed class RelayGrain : Grain, IRelayGrain
{
    public async Task<int> Relay(int calls)
    {
        var ping = GrainFactory.GetGrain<IPingGrain>(1);
        var sum = 0;
        for (var i = 0; i < calls; i++)
        {
            sum += await ping.Ping(i);
        }

        return sum;
    }
}
