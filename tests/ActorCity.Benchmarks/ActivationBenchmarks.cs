using ActorCity.Runtime;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Time;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ActorCity.Benchmarks;

/// <summary>
/// The cost of a grain's first call (the activation: catalog entry, grain and state facet made, state read, call
/// queued behind the activation and run) and of a silo stop that deactivates every activation, at stress-100k's scale:
/// 100,000 grains with one persistent state each, in memory storage, on the deterministic scheduler. Each operation is
/// one grain's share.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[SimpleJob(RunStrategy.Monitoring, iterationCount: 10)]
public class ActivationBenchmarks
{
    private const int Grains = 100_000;
    private string[] _keys = [];
    private SiloHost? _silo;

    [GlobalSetup]
    public void Setup() => _keys = [.. Enumerable.Range(0, Grains).Select(i => $"T-{i:D6}")];

    [IterationSetup]
    public void StartSilo() => _silo = SiloHost.StartAsync(b => b
            .UseVirtualClock(new VirtualTimeProvider(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero)))
            .UseDeterministicScheduler()
            .AddGrains(typeof(ActivationBenchGrain).Assembly)
            .AddMemoryGrainStorage(copyStates: false)
            .Configure(o => o.CollectionAge = Timeout.InfiniteTimeSpan))
        .GetAwaiter().GetResult();

    [IterationCleanup]
    public void StopSilo()
    {
        _silo?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _silo = null;
    }

    /// <summary>One call to each of 100,000 grains not yet active.</summary>
    [Benchmark(OperationsPerInvoke = Grains)]
    public async Task Activate()
    {
        var grains = _silo!.GrainFactory;
        foreach (var key in _keys)
        {
            await grains.GetGrain<IActivationBenchGrain>(key).CountAsync();
        }
    }

    /// <summary>The same activations, then the silo stops and deactivates all of them.</summary>
    [Benchmark(OperationsPerInvoke = Grains)]
    public async Task ActivateThenStop()
    {
        await Activate();
        await _silo!.DisposeAsync();
        _silo = null;
    }
}

public interface IActivationBenchGrain : IGrainWithStringKey
{
    Task<int> CountAsync();
}

public sealed class ActivationBenchGrain([PersistentState("count")] IPersistentState<ActivationBenchState> state) : Grain, IActivationBenchGrain
{
    public async Task<int> CountAsync()
    {
        state.State.Calls++;
        await state.WriteStateAsync();
        return state.State.Calls;
    }
}

public sealed class ActivationBenchState
{
    public int Calls { get; set; }
}
