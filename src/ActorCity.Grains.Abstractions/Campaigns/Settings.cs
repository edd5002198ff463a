using System.Collections.Immutable;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>A working period of the day in local time (e.g. 08:30-12:00).</summary>
[Immutable]
public sealed record WorkingPeriod(TimeSpan Start, TimeSpan End);

/// <summary>
/// Working calendar (工作日历): working periods per day, rest days, holidays and make-up working days (调休),
/// all in the campaign's local offset. Dates are "yyyy-MM-dd".
/// </summary>
[Immutable]
public sealed record WorkingCalendarSettings
{
    public TimeSpan UtcOffset { get; init; } = TimeSpan.FromHours(8);

    public ImmutableArray<WorkingPeriod> Periods { get; init; } =
        [new(new TimeSpan(8, 30, 0), new TimeSpan(12, 0, 0)), new(new TimeSpan(14, 0, 0), new TimeSpan(17, 30, 0))];

    public ImmutableArray<DayOfWeek> RestDays { get; init; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    public ImmutableArray<string> Holidays { get; init; } = [];

    /// <summary>Rest days that are worked (调休上班).</summary>
    public ImmutableArray<string> ExtraWorkingDays { get; init; } = [];
}

/// <summary>A problem category of the catalogue (问题分类) with its lead department and time limit.</summary>
[Immutable]
public sealed record CategoryDefinition(
    string Code,
    string Name,
    CaseKind Kind,
    string LeadDepartment,
    TimeLimit TimeLimit,
    string AssessmentCategory);

/// <summary>Escalation policy (督办机制) of a campaign.</summary>
[Immutable]
public sealed record EscalationPolicy
{
    /// <summary>Reminder (催办) when this share of the time limit has elapsed. Default 0.75.</summary>
    public double ReminderShare { get; init; } = 0.75;

    /// <summary>Public notice (通报) after this many overdue working days. Default 2.</summary>
    public int PublicNoticeAfterOverdueDays { get; init; } = 2;

    /// <summary>Accountability (问责) after this many overdue working days. Default 5.</summary>
    public int AccountabilityAfterOverdueDays { get; init; } = 5;
}

/// <summary>Weights of the composite score (综合评价), out of 100 by default (DOMAIN.md: 30/20/20/20/10).</summary>
[Immutable]
public sealed record IndicatorWeights(
    double Handled = 30,
    double OnTimeHandled = 20,
    double NotReworked = 20,
    double NotOverduePending = 20,
    double NotExtended = 10);

/// <summary>One inspection category (考核大类) of the 1,000-point standard (千分制).</summary>
[Immutable]
public sealed record AssessmentCategory(string Code, string Name, int Points, double DeductionPerProblem);

/// <summary>The assessment standard: categories summing to 1,000 points and the pass threshold.</summary>
[Immutable]
public sealed record AssessmentStandard(ImmutableArray<AssessmentCategory> Categories, double PassThreshold);

/// <summary>Headquarters' campaign settings (三城同创 campaign): calendar, catalogue, escalation, weights, standard.</summary>
[Immutable]
public sealed record CampaignSettings
{
    public string CampaignId { get; init; } = "";

    public string Name { get; init; } = "";

    public DateTimeOffset Start { get; init; }

    public DateTimeOffset InspectionDate { get; init; }

    public WorkingCalendarSettings Calendar { get; init; } = new();

    public ImmutableArray<CategoryDefinition> Categories { get; init; } = [];

    public EscalationPolicy Escalation { get; init; } = new();

    public IndicatorWeights Weights { get; init; } = new();

    public AssessmentStandard Standard { get; init; } = new([], 0);

    /// <summary>How many grids and departments the red and black lists (红黑榜) name. Default 3.</summary>
    public int ListSize { get; init; } = 3;

    /// <summary>Bumped by the campaign grain on every change.</summary>
    public long Version { get; init; }
}

/// <summary>A checkpoint (考核点) inspectors may sample: a market, back street, public toilet...</summary>
[Immutable]
public sealed record Checkpoint(string Id, string Type, string Name = "", string Community = "");

/// <summary>Grid (网格) setup: number/code, chief (网格长), responsible leader (包保领导), communities, checkpoints.</summary>
[Immutable]
public sealed record GridSetup(string Code, string Name, string ChiefId, string ResponsibleLeaderId)
{
    public ImmutableArray<string> Communities { get; init; } = [];

    public ImmutableArray<Checkpoint> Checkpoints { get; init; } = [];
}

/// <summary>Functional department (职能部门) setup: its crews are its capacity.</summary>
[Immutable]
public sealed record DepartmentSetup(string Code, string Name, int Crews)
{
    /// <summary>
    /// True (the default, and the campaigns' practice): escalated tasks move up the queue, highest level first, then by
    /// deadline. False: the queue is by deadline alone, so headquarters can ask what escalation's priority is worth.
    /// </summary>
    public bool EscalationFirst { get; init; } = true;
}
