using System.Diagnostics;
using ActorCity.Simulation.Engine;

namespace ActorCity.Simulation.Running;

/// <summary>How far a whole run has got: finished replications and the simulated day of each running one.</summary>
public sealed class RunProgress(string label, int replications)
{
    private int _completed;

    public string Label { get; } = label;

    public int Replications { get; } = replications;

    public ReplicationProgress[] PerReplication { get; } = Enumerable.Range(0, replications).Select(_ => new ReplicationProgress()).ToArray();

    public int Completed => Volatile.Read(ref _completed);

    internal void MarkCompleted() => Interlocked.Increment(ref _completed);
}

/// <summary>The replications of one variant, in replication order, and what running them cost.</summary>
public sealed record VariantRun(SimulationPlan Plan, IReadOnlyList<ReplicationResult> Results, double WallSeconds)
{
    public long Messages => Results.Sum(r => r.Messages);

    public long TimerFirings => Results.Sum(r => r.TimerFirings);
}

/// <summary>
/// Runs replications independently: replication i uses seed <see cref="Seeds.ForReplication"/>(seed, i) and its own
/// engine state, at most <c>parallel</c> at once. Results are returned in replication order, so everything computed
/// from them is the same at any parallelism.
/// </summary>
public static class ReplicationRunner
{
    public static async Task<VariantRun> RunAsync(
        SimulationPlan plan, IReplicationEngine engine, int seed, int replications, int parallel, RunProgress progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        var results = new ReplicationResult[replications];
        var stopwatch = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(parallel);
        var tasks = new List<Task>(replications);
        for (var i = 0; i < replications; i++)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            var index = i;
            tasks.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        results[index] = await engine.RunAsync(plan, index, Seeds.ForReplication(seed, index), progress.PerReplication[index], cancellationToken)
                            .ConfigureAwait(false);
                        progress.PerReplication[index].MarkDone();
                        progress.MarkCompleted();
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return new VariantRun(plan, results, stopwatch.Elapsed.TotalSeconds);
    }
}
