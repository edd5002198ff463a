using ActorCity.Grains;
using ActorCity.Grains.Domain;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>
/// The department queue's own work, as in stress-100k's first days: a queue of a few thousand Assigned tasks, where
/// each step is a crew taking the head, a task escalating (its entry leaves and comes back higher up), or a new task
/// queued. The same seeded steps run on <see cref="SortedSet{T}"/> (baseline, the queue's former type) and on
/// <see cref="ChunkedSortedSet{T}"/>. Read the ratio column.
/// </summary>
[MemoryDiagnoser]
public class DepartmentQueueBenchmarks
{
    private const int Steps = 50_000;
    private QueueEntry[] _initial = [];
    private (int Kind, QueueEntry Old, QueueEntry New)[] _steps = [];

    [Params(2_000, 8_000)]
    public int Queued { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260601);
        var start = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var next = 0;
        QueueEntry NewEntry() => new($"T-{next++:D6}", EscalationLevel.None, start.AddMinutes(random.Next(60 * 24 * 20)));

        // Replays the steps on a model of the queue, so that every removal names an entry that is there.
        var model = new SortedSet<QueueEntry>();
        _initial = Enumerable.Range(0, Queued).Select(_ => NewEntry()).ToArray();
        model.UnionWith(_initial);
        _steps = new (int, QueueEntry, QueueEntry)[Steps];
        for (var i = 0; i < Steps; i++)
        {
            var kind = random.Next(3);
            if (kind == 0 && model.Count > 0)
            {
                _steps[i] = (0, model.Min, default);
                model.Remove(model.Min);
            }
            else if (kind == 1 && model.Count > 0)
            {
                var old = model.ElementAt(random.Next(Math.Min(model.Count, 64)) * (model.Count / 64));
                var escalated = old with { Level = old.Level < EscalationLevel.Accountability ? old.Level + 1 : old.Level };
                _steps[i] = (1, old, escalated);
                model.Remove(old);
                model.Add(escalated);
            }
            else
            {
                var entry = NewEntry();
                _steps[i] = (2, default, entry);
                model.Add(entry);
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    public int SortedSetQueue() => Replay(new Sorted(new SortedSet<QueueEntry>()));

    [Benchmark(OperationsPerInvoke = Steps)]
    public int ChunkedQueue() => Replay(new Chunked(new ChunkedSortedSet<QueueEntry>()));

    /// <summary>Fills the queue, then runs the steps; generic over a struct so that each queue's calls are direct.</summary>
    private int Replay<TQueue>(TQueue queue)
        where TQueue : struct, IQueue
    {
        foreach (var entry in _initial)
        {
            queue.Add(entry);
        }

        foreach (var (kind, old, @new) in _steps)
        {
            if (kind != 2)
            {
                queue.Remove(old);
            }

            if (kind != 0)
            {
                queue.Add(@new);
            }
        }

        return queue.Count;
    }

    private interface IQueue
    {
        int Count { get; }

        bool Add(QueueEntry entry);

        bool Remove(QueueEntry entry);
    }

    private readonly struct Sorted(SortedSet<QueueEntry> set) : IQueue
    {
        public int Count => set.Count;

        public bool Add(QueueEntry entry) => set.Add(entry);

        public bool Remove(QueueEntry entry) => set.Remove(entry);
    }

    private readonly struct Chunked(ChunkedSortedSet<QueueEntry> set) : IQueue
    {
        public int Count => set.Count;

        public bool Add(QueueEntry entry) => set.Add(entry);

        public bool Remove(QueueEntry entry) => set.Remove(entry);
    }
}
