using ActorCity.Simulation.Engine;
using ActorCity.Simulation.Running;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>
/// One replication of stress-100k (100,000 workflows over 60 days) on the real grains: the memory it allocates and the
/// collections it causes. Its wall time and events/s are read from <c>actorcity simulate</c>'s <c>timing</c> block.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SimulationBenchmarks
{
    private Simulator.Prepared _prepared = null!;

    [GlobalSetup]
    public void Setup() =>
        _prepared = Simulator.Prepare(new SimulateOptions
        {
            ScenarioFile = Path.Combine(RepositoryRoot(), "simulations", "scenarios", "stress-100k.json"),
            Replications = 1,
        });

    [Benchmark]
    public async Task<long> Stress100kOneReplication() => (await Simulator.RunAsync(_prepared, new GrainEngine())).Timing.Events;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorCity.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ActorCity.sln not found above the benchmark's folder: run it from a clone of the repository.");
    }
}
