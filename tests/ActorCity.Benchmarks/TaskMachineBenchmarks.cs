using ActorCity.Grains;
using ActorCity.Grains.Domain;
using BenchmarkDotNet.Attributes;

namespace ActorCity.Benchmarks;

/// <summary>
/// One task's command path through <see cref="TaskMachine"/> as <see cref="TaskGrain"/> drives it (catch up on
/// escalation, run the command in place on its <see cref="LiveTask"/>, arm the reminder): report, assign, start, submit
/// (the reminder step falls due on the way), verify; then, for the longer ledger of a recurring problem, reopened and
/// worked again twice. Reported per command; read the allocated column (it includes the task's own object and ledger,
/// made once per task). Contexts and commands are made in setup, so only the machine's own work is measured.
/// </summary>
[MemoryDiagnoser]
public class TaskMachineBenchmarks
{
    private const int Tasks = 1_000;
    private static readonly DateTimeOffset s_monday = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly TaskNote s_note = new("photo");
    private static readonly VerifyTask s_pass = new(true);
    private static readonly AssignTask s_assign = new();
    private CampaignRules _rules = null!;
    private string[] _taskIds = [];
    private CommandContext[][] _contexts = [];
    private ReportTask _report = null!;

    private const int MaxClosures = 3;

    [GlobalSetup]
    public void Setup()
    {
        _rules = CampaignRules.For(DefaultCatalogue.Settings("C1", "bench", s_monday, s_monday.AddDays(60)));
        _report = new ReportTask("C1", "G15", "exposed-garbage", "CP-1", "market", "garbage by the market gate");
        _taskIds = new string[Tasks];
        _contexts = new CommandContext[Tasks][];
        for (var i = 0; i < Tasks; i++)
        {
            _taskIds[i] = $"T-{i:D6}";
            var contexts = new CommandContext[Commands(MaxClosures)];
            for (var c = 0; c < contexts.Length; c++)
            {
                // report (grid), assign (headquarters), then per closure: start, submit (department), verify, reopen (grid).
                var id = $"{_taskIds[i]}-{c}";
                contexts[c] = c switch
                {
                    0 => CommandContext.Grid(id, "G15"),
                    1 => CommandContext.Headquarters(id),
                    _ when (c - 2) % 4 < 2 => CommandContext.Department(id, DefaultCatalogue.Sanitation),
                    _ => CommandContext.Grid(id, "G15"),
                };
            }

            _contexts[i] = contexts;
        }
    }

    /// <summary>Report to verify: five commands.</summary>
    [Benchmark(OperationsPerInvoke = Tasks * 5)]
    public long OneClosure() => RunAll(closures: 1);

    /// <summary>Closed three times: thirteen commands, a ledger up to fifteen lines.</summary>
    [Benchmark(OperationsPerInvoke = Tasks * 13)]
    public long ThreeClosures() => RunAll(closures: MaxClosures);

    private static int Commands(int closures) => 5 + ((closures - 1) * 4);

    private long RunAll(int closures)
    {
        var total = 0L;
        for (var i = 0; i < Tasks; i++)
        {
            total += Cycle(i, closures).LastSequence;
        }

        return total;
    }

    private LiveTask Cycle(int i, int closures)
    {
        var ctx = _contexts[i];
        var rules = _rules;
        var day = s_monday.AddHours(1);
        var t = new LiveTask();
        TaskMachine.Report(t, _taskIds[i], ctx[0], _report, rules, day);
        TaskMachine.Run(t, day, (ctx: ctx[1], rules, day), static (r, a) => TaskMachine.Assign(r, a.ctx, s_assign, a.rules, a.day));
        var c = 2;
        for (var closure = 0; closure < closures; closure++)
        {
            if (closure > 0)
            {
                day = day.AddDays(1);
                TaskMachine.Run(t, day, (ctx: ctx[c], rules, day), static (r, a) => TaskMachine.Reopen(r, a.ctx, s_note, a.rules, a.day));
                c++;
            }

            Run(t, ctx[c], day.AddHours(1), static (r, a) => TaskMachine.Start(r, a.ctx, a.now));
            Run(t, ctx[c + 1], day.AddHours(5.5), static (r, a) => TaskMachine.Submit(r, a.ctx, s_note, a.now));
            Run(t, ctx[c + 2], day.AddHours(6.5), static (r, a) => TaskMachine.Verify(r, a.ctx, s_pass, a.now));
            c += 3;
        }

        return t;
    }

    private static void Run(LiveTask t, CommandContext ctx, DateTimeOffset now, Func<LiveTask, (CommandContext ctx, DateTimeOffset now), CommandOutcome> command) =>
        TaskMachine.Run(t, now, (ctx, now), command);
}
