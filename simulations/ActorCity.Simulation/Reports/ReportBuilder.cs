using System.Globalization;
using System.Text.Json.Nodes;
using ActorCity.Simulation.City;
using ActorCity.Simulation.Engine;
using ActorCity.Simulation.Running;
using ActorCity.Simulation.Scenarios;
using ActorCity.Simulation.Statistics;

namespace ActorCity.Simulation.Reports;

/// <summary>Combines replication results, in replication order, into a <see cref="SimulationReport"/>.</summary>
public static class ReportBuilder
{
    public static SimulationReport Build(
        LoadedScenario scenario, VariantRun run, string engine, string storage, int seed, int parallel, double wallSeconds,
        LoadedScenario? otherScenario = null, VariantRun? other = null, double peakWorkingSetMiB = 0)
    {
        var results = Results(run);
        Comparison? comparison = null;
        var messages = run.Messages;
        var timerFirings = run.TimerFirings;
        if (otherScenario is not null && other is not null)
        {
            var otherResults = Results(other);
            comparison = new Comparison(Info(otherScenario, other.Plan, engine, storage), Workflows(other), otherResults, Differences(run, other));
            messages += other.Messages;
            timerFirings += other.TimerFirings;
        }

        return new SimulationReport
        {
            Scenario = Info(scenario, run.Plan, engine, storage),
            Seed = seed,
            Replications = run.Results.Count,
            Workflows = Workflows(run),
            Results = results,
            Comparison = comparison,
            Timing = Timing.Of(R(wallSeconds, 3), messages, timerFirings, parallel, R(peakWorkingSetMiB, 1)),
        };
    }

    private static ScenarioInfo Info(LoadedScenario loaded, SimulationPlan plan, string engine, string storage)
    {
        var s = loaded.Scenario;
        return new ScenarioInfo(
            s.Name, s.Description, loaded.Source, loaded.Overrides, engine, storage, plan.City.Name, plan.City.Grids.Count,
            plan.City.Departments.Count, plan.City.Checkpoints.Count,
            s.Campaign.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            s.Inspection.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            plan.Days, plan.FullScore, s.Inspection.PassThreshold, (JsonObject)loaded.Resolved.DeepClone());
    }

    private static WorkflowCount Workflows(VariantRun run)
        => new(E(run.Results.Select(r => (double)r.Workflows)), run.Results.Sum(r => (long)r.Workflows));

    private static VariantResults Results(VariantRun run)
    {
        var rs = run.Results;
        var plan = run.Plan;
        var n = rs.Count;
        return new VariantResults
        {
            Score = E(rs.Select(r => r.Score)),
            PassProbability = Round(Stats.Proportion(rs.Count(r => r.Passed), n)),
            OnTimeClosedRate = E(rs.Select(r => r.OnTimeClosedRate)),
            BacklogAtInspection = E(rs.Select(r => (double)r.OpenAtInspection)),
            OverdueAtInspection = E(rs.Select(r => (double)r.OverdueAtInspection)),
            ProblemsFound = E(rs.Select(r => (double)r.ProblemsFound)),
            Escalations = new EscalationLevels(
                E(rs.Select(r => (double)r.EscalationsByLevel[0])),
                E(rs.Select(r => (double)r.EscalationsByLevel[1])),
                E(rs.Select(r => (double)r.EscalationsByLevel[2])),
                E(rs.Select(r => (double)r.EscalationsByLevel[3]))),
            Reworks = E(rs.Select(r => (double)r.Reworks)),
            Recurrences = E(rs.Select(r => (double)r.Recurrences)),
            WorkflowsBySource = Enum.GetValues<ProblemSource>().ToDictionary(Camel, s => R(rs.Average(r => r.WorkflowsBySource[(int)s]))),
            FinalStates = Enum.GetValues<WorkflowState>().ToDictionary(Camel, s => R(rs.Average(r => r.FinalStates[(int)s]))),
            OpenTasksByDay = Enumerable.Range(0, plan.Days + 1).Select(d =>
            {
                var e = E(rs.Select(r => (double)r.OpenByDay[d]));
                var date = plan.Scenario.Campaign.Start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return new DayPoint(d, date, e.Mean, e.Low, e.High);
            }).ToList(),
            Grids = GridRows(run),
            Departments = DepartmentRows(run),
            PerReplication = rs.Select(r => new ReplicationRow(
                r.Replication, r.Seed, R(r.Score), r.Passed, r.Workflows, R(r.OnTimeClosedRate), r.OpenAtInspection, r.OverdueAtInspection)).ToList(),
        };
    }

    private static List<GridRow> GridRows(VariantRun run)
    {
        var rs = run.Results;
        var city = run.Plan.City;
        var rows = new List<GridRow>();
        foreach (var grid in city.Grids)
        {
            var g = grid.Index;
            var byType = CheckpointTypes.All.Select((t, i) => (Type: t, Overdue: rs.Average(r => r.Grids[g].OverdueByCheckpointType[i]), Open: rs.Average(r => r.Grids[g].OpenByCheckpointType[i])))
                .OrderByDescending(x => x.Overdue).ThenByDescending(x => x.Open).ThenBy(x => x.Type.Id, StringComparer.Ordinal).First();
            var mostOpen = CheckpointTypes.All.Select((t, i) => (Type: t, Open: rs.Average(r => r.Grids[g].OpenByCheckpointType[i])))
                .OrderByDescending(x => x.Open).ThenBy(x => x.Type.Id, StringComparer.Ordinal).First();
            var open = rs.Average(r => r.Grids[g].Open);
            var overdue = rs.Average(r => r.Grids[g].Overdue);
            var supervised = rs.Average(r => r.Grids[g].SupervisedOrAbove);
            var expected = E(rs.Select(r => r.Grids[g].ExpectedDeduction));
            var why = byType.Overdue >= 0.5
                ? $"{byType.Overdue:0.#} overdue tasks at {byType.Type.EnglishName} ({byType.Type.ChineseName}); {supervised:0.#} at supervision (督办) or above; {open:0.#} open; {expected.Mean:0.#} points at risk"
                : $"{open:0.#} open on inspection day, most at {mostOpen.Type.EnglishName} ({mostOpen.Type.ChineseName}, {mostOpen.Open:0.#}); {overdue:0.#} overdue; {expected.Mean:0.#} points at risk";
            rows.Add(new GridRow(0, grid.Number, grid.Name, grid.Chief, grid.Leader, R(open), R(overdue), R(supervised), expected,
                R(rs.Average(r => r.Grids[g].Deduction)), byType.Type.Id, R(byType.Overdue), why));
        }

        return rows.OrderByDescending(r => r.ExpectedDeduction.Mean).ThenByDescending(r => r.Overdue).ThenBy(r => r.Number)
            .Select((r, i) => r with { Rank = i + 1 }).ToList();
    }

    private static List<DepartmentRow> DepartmentRows(VariantRun run)
    {
        var rs = run.Results;
        var plan = run.Plan;
        var rows = new List<DepartmentRow>();
        foreach (var dept in plan.City.Departments)
        {
            var d = dept.Index;
            var crews = plan.Scenario.Departments[d].Crews;
            var backlog = E(rs.Select(r => (double)r.Departments[d].Backlog));
            var overdue = rs.Average(r => r.Departments[d].Overdue);
            var supervised = rs.Average(r => r.Departments[d].SupervisedOrAbove);
            var onTime = E(rs.Select(r => r.Departments[d].DueCycles == 0 ? 1.0 : (double)r.Departments[d].OnTimeClosedCycles / r.Departments[d].DueCycles));
            var utilization = rs.Average(r => r.Departments[d].Utilization);
            var expected = rs.Average(r => r.Departments[d].ExpectedDeduction);
            var why = $"backlog {backlog.Mean:0.#} with {crews} crew{(crews == 1 ? "" : "s")} ({utilization:P0} busy); {overdue:0.#} overdue, {supervised:0.#} at supervision (督办) or above; on-time closed {onTime.Mean:P0}; {expected:0.#} points at risk";
            rows.Add(new DepartmentRow(0, dept.Name, dept.FullName, dept.Head, crews, backlog, R(overdue), R(supervised), onTime,
                R(rs.Average(r => r.Departments[d].Closed)), R(rs.Average(r => r.Departments[d].Reworks)), R(utilization), R(expected), why));
        }

        return rows.OrderByDescending(r => r.ExpectedDeduction).ThenByDescending(r => r.Overdue).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 }).ToList();
    }

    private static List<DifferenceRow> Differences(VariantRun a, VariantRun b)
    {
        var rows = new List<DifferenceRow>();

        void Add(string metric, Func<ReplicationResult, double> f)
        {
            var xs = a.Results.Select(f).ToList();
            var ys = b.Results.Select(f).ToList();
            var paired = Stats.Paired(xs, ys);
            var difference = paired.Difference;
            if (metric is "passProbability" or "onTimeClosedRate")
            {
                // A difference of two proportions lies in [-1, 1] whatever the t interval says.
                difference = difference with { Low = Math.Max(-1, difference.Low), High = Math.Min(1, difference.High) };
            }

            rows.Add(new DifferenceRow(metric, R(xs.Average()), R(ys.Average()), Round(difference), paired.Significant));
        }

        Add("score", r => r.Score);
        Add("passProbability", r => r.Passed ? 1 : 0);
        Add("onTimeClosedRate", r => r.OnTimeClosedRate);
        Add("backlogAtInspection", r => r.OpenAtInspection);
        Add("overdueAtInspection", r => r.OverdueAtInspection);
        Add("supervisionOrders", r => r.EscalationsByLevel[1]);
        Add("publicNotices", r => r.EscalationsByLevel[2]);
        Add("accountability", r => r.EscalationsByLevel[3]);
        Add("recurrences", r => r.Recurrences);
        Add("workflows", r => r.Workflows);
        return rows;
    }

    private static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static Estimate E(IEnumerable<double> values) => Round(Stats.MeanCi(values.ToList()));

    private static Estimate Round(Estimate e) => new(R(e.Mean), R(e.Low), R(e.High), R(e.StandardDeviation), e.N);

    /// <summary>Rounds for the report so that summation noise in the last bits never shows as a difference.</summary>
    private static double R(double value, int digits = 6) => double.IsFinite(value) ? Math.Round(value, digits, MidpointRounding.ToEven) : 0;
}
