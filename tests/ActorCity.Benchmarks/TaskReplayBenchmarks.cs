using ActorCity.Grains;
using ActorCity.Grains.Domain;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>
/// The retry check every task command starts with, over as many tasks as stress-100k holds, so ledgers are cold in
/// the cache as in a run: each task was closed three times (fifteen ledger lines). <see cref="RetriedFirstCommand"/>
/// sends its first command again, which the machine must find at the far end of the ledger and replay; the usual case,
/// <see cref="NewCommandId"/>, asks for a command id the ledger does not hold. Reported per command.
/// </summary>
[MemoryDiagnoser]
public class TaskReplayBenchmarks
{
    private const int Tasks = 100_000;
    private static readonly DateTimeOffset s_monday = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly TaskNote s_note = new("photo");
    private CampaignRules _rules = null!;
    private ReportTask _report = null!;
    private LiveTask[] _tasks = [];
    private CommandContext[] _reports = [];
    private string[] _fresh = [];
    private int[] _order = [];

    [GlobalSetup]
    public void Setup()
    {
        _rules = CampaignRules.For(DefaultCatalogue.Settings("C1", "bench", s_monday, s_monday.AddDays(60)));
        _report = new ReportTask("C1", "G15", "exposed-garbage", "CP-1", "market", "garbage by the market gate");
        _tasks = new LiveTask[Tasks];
        _reports = new CommandContext[Tasks];
        _fresh = new string[Tasks];
        var day = s_monday.AddHours(1);
        for (var i = 0; i < Tasks; i++)
        {
            var taskId = $"T-{i:D6}";
            var reportId = $"{taskId}-0";
            var t = new LiveTask();
            TaskMachine.Report(t, taskId, CommandContext.Grid(reportId, "G15"), _report, _rules, day);

            // A retry arrives with its own copy of the id, as from the wire: no reference-equal shortcut.
            _reports[i] = CommandContext.Grid(new string(reportId.AsSpan()), "G15");
            TaskMachine.Assign(t, CommandContext.Headquarters($"{taskId}-1"), new AssignTask(), _rules, day);
            for (var closure = 0; closure < 3; closure++)
            {
                if (closure > 0)
                {
                    TaskMachine.Reopen(t, CommandContext.Grid($"{taskId}-r{closure}", "G15"), s_note, _rules, day);
                }

                TaskMachine.Start(t, CommandContext.Department($"{taskId}-s{closure}", DefaultCatalogue.Sanitation), day);
                TaskMachine.Submit(t, CommandContext.Department($"{taskId}-u{closure}", DefaultCatalogue.Sanitation), s_note, day);
                TaskMachine.Verify(t, CommandContext.Grid($"{taskId}-v{closure}", "G15"), new VerifyTask(true), day);
            }

            _tasks[i] = t;
            _fresh[i] = $"{taskId}-next";
        }

        // Tasks visited in a shuffled order, as a run touches them: no prefetching along the order they were made in.
        _order = [.. Enumerable.Range(0, Tasks)];
        new Random(42).Shuffle(_order);
    }

    [Benchmark(OperationsPerInvoke = Tasks)]
    public int NewCommandId()
    {
        var found = 0;
        foreach (var i in _order)
        {
            found += _tasks[i].FindCommand(_fresh[i]) is null ? 0 : 1;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Tasks)]
    public long RetriedFirstCommand()
    {
        var total = 0L;
        var day = s_monday.AddHours(1);
        foreach (var i in _order)
        {
            total += TaskMachine.Report(_tasks[i], "", _reports[i], _report, _rules, day).Result.Sequence;
        }

        return total;
    }
}
