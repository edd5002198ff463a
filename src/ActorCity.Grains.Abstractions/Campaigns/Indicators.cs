using System.Collections.Immutable;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>Counts over a set of tasks; an aggregate's counts are the sum of its tasks' counts.</summary>
[Immutable]
public sealed record TaskCounters
{
    public static readonly TaskCounters Zero = new();

    public int Total { get; init; }
    public int Reported { get; init; }
    public int Assigned { get; init; }
    public int InProgress { get; init; }
    public int Submitted { get; init; }
    public int Closed { get; init; }
    public int Parked { get; init; }
    public int Disputed { get; init; }
    public int Cancelled { get; init; }

    /// <summary>Dispatched and not cancelled: the denominator of the rates (应处置数).</summary>
    public int Due { get; init; }

    /// <summary><see cref="Due"/> minus parked cases (挂账 is left out of on-time indicators).</summary>
    public int OnTimeDue { get; init; }
    public int Handled { get; init; }
    public int HandledOnTime { get; init; }
    public int ClosedOnTime { get; init; }

    /// <summary>Tasks reworked at least once.</summary>
    public int Reworked { get; init; }
    public int Reworks { get; init; }

    /// <summary>Tasks extended at least once.</summary>
    public int Extended { get; init; }

    /// <summary>Overdue and not yet handled (超期待处置).</summary>
    public int OverduePending { get; init; }

    /// <summary>Ever dispatched (cancelled included), for the accurate-dispatch rate.</summary>
    public int Dispatched { get; init; }

    /// <summary>Tasks returned for redispatch at least once (回退).</summary>
    public int Returned { get; init; }
    public int Recurrences { get; init; }

    /// <summary>Escalation steps taken, by level.</summary>
    public int Reminders { get; init; }
    public int Supervisions { get; init; }
    public int PublicNotices { get; init; }
    public int Accountabilities { get; init; }
}

/// <summary>Indicators (考核指标) as ratios in [0, 1] and the composite score (out of the weights' sum, 100 by default).</summary>
[Immutable]
public sealed record IndicatorSet(
    double HandledRate,
    double OnTimeHandledRate,
    double ClosedRate,
    double OnTimeClosedRate,
    double ReworkRate,
    double ExtensionRate,
    double OverduePendingRate,
    double AccurateDispatchRate,
    double Composite);

/// <summary>One row of an indicator table: a grid, a department or the whole campaign.</summary>
[Immutable]
public sealed record IndicatorRow(string Code, string Name, TaskCounters Counters, IndicatorSet Indicators);

/// <summary>The campaign's indicators with red and black lists (红黑榜): best and worst composite scores.</summary>
[Immutable]
public sealed record CampaignIndicators(
    DateTimeOffset At,
    IndicatorRow Campaign,
    ImmutableArray<IndicatorRow> Grids,
    ImmutableArray<IndicatorRow> Departments,
    ImmutableArray<string> RedListGrids,
    ImmutableArray<string> BlackListGrids,
    ImmutableArray<string> RedListDepartments,
    ImmutableArray<string> BlackListDepartments);

/// <summary>A task named in the weekly notice: at public notice (通报) or above.</summary>
[Immutable]
public sealed record NoticedTask(string TaskId, string GridCode, string DepartmentCode, EscalationLevel Level, DateTimeOffset? Deadline);

/// <summary>Weekly notice (周通报): indicators, red and black lists, and the tasks publicly named.</summary>
[Immutable]
public sealed record WeeklyNotice(
    string CampaignId,
    DateTimeOffset IssuedAt,
    int DaysToInspection,
    CampaignIndicators Indicators,
    ImmutableArray<NoticedTask> NamedTasks);
