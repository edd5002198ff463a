using System.Collections.Immutable;
using ActorCity.Grains;
using ActorCity.Grains.Domain;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>
/// A grid aggregate taking task changes, as in stress-100k (a few thousand tasks per aggregate). Baseline: the design it
/// replaced, an immutable dictionary of facts and an immutable counter record copied per change. Read the ratio column.
/// </summary>
[MemoryDiagnoser]
public class AggregateBenchmarks
{
    private const int Changes = 10_000;
    private TaskChange[] _changes = [];
    private GridState _grid = null!;
    private ImmutableDictionary<string, TaskFacts> _immutableFacts = ImmutableDictionary<string, TaskFacts>.Empty;
    private TaskCounters _immutableCounters = TaskCounters.Zero;

    [Params(3_000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _changes = new TaskChange[Changes];
        var states = new[] { TaskState.Assigned, TaskState.InProgress, TaskState.Submitted, TaskState.Closed };
        for (var i = 0; i < Changes; i++)
        {
            var state = states[i / Tasks % states.Length];
            _changes[i] = new TaskChange(Facts($"T-{i % Tasks:D6}", sequence: (i / Tasks) + 1, state), []);
        }
    }

    [IterationSetup]
    public void Reset()
    {
        _grid = new GridState();
        _immutableFacts = ImmutableDictionary<string, TaskFacts>.Empty;
        _immutableCounters = TaskCounters.Zero;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Changes)]
    public TaskCounters ImmutableFactsAndCounters()
    {
        foreach (var change in _changes)
        {
            var f = change.Facts;
            if (_immutableFacts.TryGetValue(f.TaskId, out var old))
            {
                if (old.Sequence >= f.Sequence)
                {
                    continue;
                }

                _immutableCounters = Aggregation.Add(_immutableCounters, old, -1);
            }

            _immutableCounters = Aggregation.Add(_immutableCounters, f, 1);
            _immutableFacts = _immutableFacts.SetItem(f.TaskId, f);
        }

        return _immutableCounters;
    }

    [Benchmark(OperationsPerInvoke = Changes)]
    public TaskCounters GridBookInPlace()
    {
        foreach (var change in _changes)
        {
            GridBook.Apply(_grid, change, "G001");
        }

        return _grid.Counters;
    }

    private static TaskFacts Facts(string taskId, long sequence, TaskState state) => new(
        taskId, sequence, state, "G001", "D01", "C01", "A", "P00001", EscalationLevel.None, null,
        Dispatched: true, Handled: state >= TaskState.Submitted, HandledOnTime: true, ClosedOnTime: state == TaskState.Closed,
        Reworks: 0, Extensions: 0, Returns: 0, Recurrences: 0, Overdue: false, ExcludedFromOnTime: false, EscalationCounts: [0, 0, 0, 0, 0]);
}
