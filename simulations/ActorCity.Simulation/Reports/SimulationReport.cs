using System.Text.Json.Nodes;
using ActorCity.Simulation.Statistics;

namespace ActorCity.Simulation.Reports;

/// <summary>
/// What report.json holds. Everything but <see cref="Timing"/> is a function of the scenario, the overrides and the
/// seed, so it is byte-identical at any parallelism.
/// </summary>
public sealed record SimulationReport
{
    public required ScenarioInfo Scenario { get; init; }

    public required int Seed { get; init; }

    public required int Replications { get; init; }

    /// <summary>Problems generated per replication (mean, CI) and over all replications.</summary>
    public required WorkflowCount Workflows { get; init; }

    public required VariantResults Results { get; init; }

    public Comparison? Comparison { get; init; }

    public required Timing Timing { get; init; }
}

public sealed record ScenarioInfo(
    string Name,
    string? Description,
    string Source,
    IReadOnlyList<string> Overrides,
    string Engine,
    string Storage,
    string City,
    int Grids,
    int Departments,
    int Checkpoints,
    string CampaignStart,
    string InspectionDate,
    int DaysToInspection,
    double FullScore,
    double PassThreshold,
    JsonObject Resolved);

public sealed record WorkflowCount(Estimate PerReplication, long Total);

/// <summary>One variant's outcome over its replications.</summary>
public sealed record VariantResults
{
    public required Estimate Score { get; init; }

    public required Estimate PassProbability { get; init; }

    public required Estimate OnTimeClosedRate { get; init; }

    public required Estimate BacklogAtInspection { get; init; }

    public required Estimate OverdueAtInspection { get; init; }

    public required Estimate ProblemsFound { get; init; }

    public required EscalationLevels Escalations { get; init; }

    public required Estimate Reworks { get; init; }

    public required Estimate Recurrences { get; init; }

    /// <summary>Mean workflows by source: initialList, patrol, citizen, mockInspection.</summary>
    public required Dictionary<string, double> WorkflowsBySource { get; init; }

    /// <summary>Mean workflows by final state; they add up to the mean number of workflows.</summary>
    public required Dictionary<string, double> FinalStates { get; init; }

    public required IReadOnlyList<DayPoint> OpenTasksByDay { get; init; }

    public required IReadOnlyList<GridRow> Grids { get; init; }

    public required IReadOnlyList<DepartmentRow> Departments { get; init; }

    public required IReadOnlyList<ReplicationRow> PerReplication { get; init; }
}

/// <summary>Tasks reaching each level of the ladder: 催办, 督办, 通报, 问责.</summary>
public sealed record EscalationLevels(Estimate Reminder, Estimate Supervision, Estimate PublicNotice, Estimate Accountability);

/// <summary>Open tasks at the end of a day (the last point: at the inspection).</summary>
public sealed record DayPoint(int Day, string Date, double Mean, double Low, double High);

public sealed record GridRow(
    int Rank,
    int Number,
    string Name,
    string Chief,
    string ResponsibleLeader,
    double Open,
    double Overdue,
    double SupervisedOrAbove,
    Estimate ExpectedDeduction,
    double Deduction,
    string WorstCheckpointType,
    double OverdueAtWorstType,
    string Why);

public sealed record DepartmentRow(
    int Rank,
    string Name,
    string FullName,
    string Head,
    int Crews,
    Estimate Backlog,
    double Overdue,
    double SupervisedOrAbove,
    Estimate OnTimeClosedRate,
    double Closed,
    double Reworks,
    double Utilization,
    double ExpectedDeduction,
    string Why);

public sealed record ReplicationRow(
    int Replication,
    int Seed,
    double Score,
    bool Passed,
    int Workflows,
    double OnTimeClosedRate,
    int BacklogAtInspection,
    int OverdueAtInspection);

/// <summary>The same metrics for a second variant on the same seeds, and the paired differences (B − A).</summary>
public sealed record Comparison(ScenarioInfo Scenario, WorkflowCount Workflows, VariantResults Results, IReadOnlyList<DifferenceRow> Differences);

public sealed record DifferenceRow(string Metric, double A, double B, Estimate Difference, bool Significant);

/// <summary>
/// Wall time and work done; the only part of the report that varies between runs. <see cref="WallSeconds"/> runs from
/// building the plan (city generation included) to the end of the last replication (its silo stopped), for every
/// variant; loading the scenario, building the report and writing it are outside it. <see cref="Events"/> are the
/// messages (grain calls) and timer firings (grain timer and reminder ticks) the silos processed, as the issue that
/// set the speed bound defines them; a reminder tick is one of each, its firing and its delivery to the grain.
/// </summary>
public sealed record Timing(double WallSeconds, long Events, double EventsPerSecond, int Parallel, double PeakWorkingSetMiB, long Messages, long TimerFirings)
{
    public static Timing Of(double wallSeconds, long messages, long timerFirings, int parallel, double peakWorkingSetMiB)
    {
        var events = messages + timerFirings;
        return new Timing(wallSeconds, events, wallSeconds > 0 ? Math.Round(events / wallSeconds, 0) : 0, parallel, peakWorkingSetMiB, messages, timerFirings);
    }
}
