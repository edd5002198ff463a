using System.Collections.Immutable;
using ActorCity.Grains;
using ActorCity.Grains.Domain;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>
/// A grid aggregate taking task changes, as in stress-100k (a few thousand tasks per aggregate). Baseline: the design it
/// replaced, an immutable dictionary of facts and an immutable counter record copied per change. Read the ratio column.
/// <see cref="DepartmentBookInPlace"/> runs a department's life cycle with its queue: ~7,000 tasks as in stress-100k,
/// deadlines shared by many tasks (so the queue's order falls to the task id), overdue marks and escalations while
/// Assigned.
/// </summary>
[MemoryDiagnoser]
public class AggregateBenchmarks
{
    private const int Changes = 10_000;
    private TaskChange[] _changes = [];
    private GridState _grid = null!;
    private ImmutableDictionary<string, TaskFacts> _immutableFacts = ImmutableDictionary<string, TaskFacts>.Empty;
    private TaskCounters _immutableCounters = TaskCounters.Zero;
    private TaskChange[] _departmentChanges = [];
    private DepartmentState _department = null!;

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

        // Every task goes Assigned, Assigned and overdue, Assigned and reminded, InProgress, Submitted, Closed.
        const int departmentTasks = 7_000;
        var steps = new (TaskState State, bool Overdue, EscalationLevel Level)[]
        {
            (TaskState.Assigned, false, EscalationLevel.None), (TaskState.Assigned, true, EscalationLevel.None),
            (TaskState.Assigned, true, EscalationLevel.Reminder), (TaskState.InProgress, true, EscalationLevel.Reminder),
            (TaskState.Submitted, true, EscalationLevel.Reminder), (TaskState.Closed, true, EscalationLevel.Reminder),
        };
        var ids = Enumerable.Range(0, departmentTasks).Select(i => $"T-{i:D6}").ToArray();
        var start = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);
        _departmentChanges = new TaskChange[departmentTasks * steps.Length];
        for (var i = 0; i < _departmentChanges.Length; i++)
        {
            var task = i % departmentTasks;
            var step = steps[i / departmentTasks];
            _departmentChanges[i] = new TaskChange(
                Facts(ids[task], sequence: (i / departmentTasks) + 1, step.State) with
                {
                    Overdue = step.Overdue,
                    Escalation = step.Level,
                    Deadline = start.AddDays(task % 20),
                },
                []);
        }
    }

    [IterationSetup]
    public void Reset()
    {
        _grid = new GridState();
        _immutableFacts = ImmutableDictionary<string, TaskFacts>.Empty;
        _immutableCounters = TaskCounters.Zero;
        _department = new DepartmentState { Code = "D01" };
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

    [Benchmark(OperationsPerInvoke = 42_000)]
    public int DepartmentBookInPlace()
    {
        foreach (var change in _departmentChanges)
        {
            DepartmentBook.Apply(_department, change);
        }

        return _department.Queue.Count + _department.Busy;
    }

    private static TaskFacts Facts(string taskId, long sequence, TaskState state) => new(
        taskId, sequence, state, "G001", "D01", "C01", "A", "P00001", EscalationLevel.None, null,
        Dispatched: true, Handled: state >= TaskState.Submitted, HandledOnTime: true, ClosedOnTime: state == TaskState.Closed,
        Reworks: 0, Extensions: 0, Returns: 0, Recurrences: 0, Overdue: false, ExcludedFromOnTime: false, EscalationCounts: [0, 0, 0, 0, 0]);
}
