using ActorCity.Grains;
using ActorCity.Grains.Domain;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>
/// Grid books as a run holds them (100,000 tasks over 300 grids), each task already known to its grid, taking three
/// more changes per task in shuffled order, as notifications arrive in a run. Baseline: the grid finds the task by its
/// id; <see cref="WithRows"/>: the change names the row the grid gave for the task's previous change
/// (<see cref="TaskChange.Row"/>), as task grains do. Reported per change.
/// </summary>
[MemoryDiagnoser]
public class AggregateRowBenchmarks
{
    private const int Grids = 300;
    private const int Tasks = 100_000;
    private const int Updates = 3;
    private static readonly TaskState[] s_states = [TaskState.Assigned, TaskState.InProgress, TaskState.Submitted, TaskState.Closed];
    private readonly string[] _gridCodes = [.. Enumerable.Range(0, Grids).Select(g => $"G{g:D3}")];
    private TaskChange[] _first = [];
    private (int Task, TaskChange Change)[] _updates = [];
    private GridState[] _grids = [];
    private int[] _rows = [];

    [GlobalSetup]
    public void Setup()
    {
        var ids = Enumerable.Range(0, Tasks).Select(i => $"T-{i:D6}").ToArray();
        _first = [.. ids.Select((id, i) => new TaskChange(Facts(id, _gridCodes[i % Grids], 1, s_states[0]), []))];
        var random = new Random(42);
        _updates = new (int, TaskChange)[Tasks * Updates];
        for (var round = 0; round < Updates; round++)
        {
            var order = Enumerable.Range(0, Tasks).ToArray();
            random.Shuffle(order);
            for (var j = 0; j < Tasks; j++)
            {
                var task = order[j];
                _updates[(round * Tasks) + j] = (task, new TaskChange(Facts(ids[task], _gridCodes[task % Grids], round + 2, s_states[round + 1]), []));
            }
        }
    }

    [IterationSetup]
    public void Reset()
    {
        _grids = [.. Enumerable.Range(0, Grids).Select(_ => new GridState())];
        _rows = new int[Tasks];
        for (var task = 0; task < Tasks; task++)
        {
            GridBook.Apply(_grids[task % Grids], _first[task], _gridCodes[task % Grids], out _rows[task]);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks * Updates)]
    public int ByTaskId()
    {
        var applied = 0;
        foreach (var (task, change) in _updates)
        {
            applied += GridBook.Apply(_grids[task % Grids], change, _gridCodes[task % Grids], out _) ? 1 : 0;
        }

        return applied;
    }

    [Benchmark(OperationsPerInvoke = Tasks * Updates)]
    public int WithRows()
    {
        var applied = 0;
        foreach (var (task, change) in _updates)
        {
            applied += GridBook.Apply(_grids[task % Grids], change with { Row = _rows[task] }, _gridCodes[task % Grids], out _rows[task]) ? 1 : 0;
        }

        return applied;
    }

    private static TaskFacts Facts(string taskId, string grid, long sequence, TaskState state) => new(
        taskId, sequence, state, grid, "D01", "C01", "A", "P00001", EscalationLevel.None, null,
        Dispatched: true, Handled: state >= TaskState.Submitted, HandledOnTime: true, ClosedOnTime: state == TaskState.Closed,
        Reworks: 0, Extensions: 0, Returns: 0, Recurrences: 0, Overdue: false, ExcludedFromOnTime: false, EscalationCounts: [0, 0, 0, 0, 0]);
}
