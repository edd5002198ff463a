namespace ActorCity.Simulation.Engine;

/// <summary>Runs one replication of a plan with one seed. Implementations read time only from their virtual clock.</summary>
public interface IReplicationEngine
{
    string Name { get; }

    Task<ReplicationResult> RunAsync(SimulationPlan plan, int replication, int seed, ReplicationProgress progress, CancellationToken cancellationToken);
}

/// <summary>How far one running replication has got, read by the progress display from another thread.</summary>
public sealed class ReplicationProgress
{
    private int _day;
    private int _done;

    public int Day => Volatile.Read(ref _day);

    public bool IsRunning => Volatile.Read(ref _day) > 0 && Volatile.Read(ref _done) == 0;

    public void ReportDay(int day) => Volatile.Write(ref _day, Math.Max(1, day));

    public void MarkDone() => Volatile.Write(ref _done, 1);
}
