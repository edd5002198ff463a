using System.Text.Json.Serialization;

namespace ActorCity.Simulation.Scenarios;

/// <summary>
/// A what-if scenario: every parameter of one simulated campaign. Loaded from JSON by
/// <see cref="ScenarioLoader"/>, which checks shapes and unknown properties; ranges are checked by
/// <see cref="ScenarioValidator"/>. The format is documented in docs/scenarios.md.
/// </summary>
public sealed record Scenario
{
    /// <summary>Editor hint only (the JSON schema); ignored by the loader.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>Path of a base scenario, relative to this file; this file's properties are merged over it.</summary>
    public string? Extends { get; init; }

    /// <summary>Overrides applied after merging, with the same path syntax as <c>--set</c>.</summary>
    public Dictionary<string, System.Text.Json.JsonElement>? Set { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required CitySpec City { get; init; }

    public required List<DepartmentSpec> Departments { get; init; }

    public required List<CategorySpec> Categories { get; init; }

    public required DiscoverySpec Discovery { get; init; }

    public required WorkflowSpec Workflow { get; init; }

    public required EscalationSpec Escalation { get; init; }

    public required CampaignSpec Campaign { get; init; }

    public required InspectionSpec Inspection { get; init; }

    public required RecurrenceSpec Recurrence { get; init; }

    public required ReplicationSpec Replications { get; init; }
}

/// <summary>The district: grids (网格), their communities (社区) and checkpoints (考核点) by type.</summary>
public sealed record CitySpec
{
    /// <summary>District name shown in reports, e.g. 古塔区.</summary>
    public required string Name { get; init; }

    public required int Grids { get; init; }

    public required int CommunitiesPerGrid { get; init; }

    /// <summary>Checkpoints per grid by checkpoint type id (see <see cref="City.CheckpointTypes"/>).</summary>
    public required Dictionary<string, int> CheckpointsPerGrid { get; init; }
}

/// <summary>A functional department (职能部门): a line that owns a kind of problem across all grids.</summary>
public sealed record DepartmentSpec
{
    /// <summary>Short name, the key used by categories and by <c>--set departments[name]</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Crews working in parallel: the department's capacity.</summary>
    public required int Crews { get; init; }

    public required WorkingHoursSpec WorkingHours { get; init; }
}

/// <summary>A working calendar: one daily window on the listed days.</summary>
public sealed record WorkingHoursSpec
{
    /// <summary>Start of the daily window, "HH:mm".</summary>
    public required string From { get; init; }

    /// <summary>End of the daily window, "HH:mm", after <see cref="From"/>.</summary>
    public required string To { get; init; }

    /// <summary>Working days: "mon".."sun".</summary>
    public required List<string> Days { get; init; }
}

/// <summary>A problem category (案件类别) with its workflow parameters.</summary>
public sealed record CategorySpec
{
    public required string Name { get; init; }

    /// <summary>"facility" (部件) or "event" (事件).</summary>
    public required string Kind { get; init; }

    /// <summary>Relative share of new problems, 0..1; shares are normalised over all categories.</summary>
    public required double Share { get; init; }

    public required string LeadDepartment { get; init; }

    /// <summary>Time limit (整改时限) on the campaign's working calendar, counted from dispatch.</summary>
    public required TimeLimitSpec TimeLimit { get; init; }

    /// <summary>Crew working hours needed to rectify one problem.</summary>
    public required DistributionSpec HandlingHours { get; init; }

    /// <summary>Probability that a verification fails and the task goes back for rework (返工).</summary>
    public required double ReworkProbability { get; init; }

    /// <summary>Probability that a closed problem comes back (反弹回潮) within the recurrence window, at full pressure.</summary>
    public required double RecurrenceProbability { get; init; }

    /// <summary>The inspection's assessment category (考核大类) this problem costs points in (a code of inspection.assessmentCategories).</summary>
    public required string AssessmentCategory { get; init; }

    /// <summary>Checkpoint types where this problem occurs.</summary>
    public required List<string> CheckpointTypes { get; init; }
}

/// <summary>A time limit (整改时限): an amount of working hours or working days.</summary>
public sealed record TimeLimitSpec
{
    public required int Amount { get; init; }

    /// <summary>"workingHours" or "workingDays" (one working day is the campaign calendar's daily window).</summary>
    public required string Unit { get; init; }
}

/// <summary>A positive duration distribution, in hours.</summary>
public sealed record DistributionSpec
{
    /// <summary>"fixed", "exponential", "uniform", "lognormal" or "triangular".</summary>
    public required string Type { get; init; }

    /// <summary>Mean (fixed, exponential, lognormal).</summary>
    public double? Mean { get; init; }

    /// <summary>Standard deviation (lognormal).</summary>
    public double? Sd { get; init; }

    /// <summary>Lower bound (uniform, triangular).</summary>
    public double? Min { get; init; }

    /// <summary>Mode (triangular).</summary>
    public double? Mode { get; init; }

    /// <summary>Upper bound (uniform, triangular).</summary>
    public double? Max { get; init; }
}

/// <summary>How problems are found: patrols, citizen reports, mock inspections, and the list at the start.</summary>
public sealed record DiscoverySpec
{
    /// <summary>Mean problems reported by grid workers' patrols per day (Poisson), during patrol hours.</summary>
    public required double PatrolArrivalsPerDay { get; init; }

    /// <summary>Mean citizen snapshot reports (随手拍) per day (Poisson), at any hour.</summary>
    public required double CitizenReportsPerDay { get; init; }

    /// <summary>Problems on the list when the campaign starts (the pre-campaign sweep).</summary>
    public required int InitialBacklog { get; init; }

    public required WorkingHoursSpec PatrolHours { get; init; }

    public required MockInspectionSpec MockInspections { get; init; }
}

/// <summary>Unannounced visits (明察暗访) by the supervision squads.</summary>
public sealed record MockInspectionSpec
{
    /// <summary>Days between visits; the first is one interval after the start.</summary>
    public required double EveryDays { get; init; }

    /// <summary>Checkpoints visited per mock inspection.</summary>
    public required int CheckpointsVisited { get; init; }

    /// <summary>Mean new problems found per visited checkpoint (Poisson).</summary>
    public required double ProblemsPerCheckpoint { get; init; }
}

/// <summary>Delays between workflow steps.</summary>
public sealed record WorkflowSpec
{
    /// <summary>Mean hours from report to dispatch (交办), exponential.</summary>
    public required double DispatchDelayHours { get; init; }

    /// <summary>Mean hours from submission to on-site verification (核查), exponential.</summary>
    public required double VerificationDelayHours { get; init; }

    /// <summary>Rework takes this fraction of the original handling time.</summary>
    public required double ReworkHandlingFactor { get; init; }
}

/// <summary>The escalation ladder (催办 → 督办 → 通报 → 问责) and its effect on priority.</summary>
public sealed record EscalationSpec
{
    /// <summary>Reminder (催办) when this share of the time limit has elapsed.</summary>
    public required double ReminderAtShare { get; init; }

    /// <summary>Public notice (通报) after this many working days overdue.</summary>
    public required int NoticeAfterOverdueWorkingDays { get; init; }

    /// <summary>Accountability (问责) after this many working days overdue.</summary>
    public required int AccountabilityAfterOverdueWorkingDays { get; init; }

    /// <summary>"levelFirst": queues serve higher escalation levels first; "none": deadline order only.</summary>
    public required string PriorityEffect { get; init; }
}

/// <summary>The campaign (创建活动) clock.</summary>
public sealed record CampaignSpec
{
    /// <summary>First day of the campaign (local time, UTC+8, 00:00).</summary>
    public required DateOnly Start { get; init; }

    /// <summary>The campaign's working calendar: time limits and escalation count only its working time.</summary>
    public required WorkingHoursSpec WorkingHours { get; init; }
}

/// <summary>The final inspection (测评): when, what it samples, how it scores.</summary>
public sealed record InspectionSpec
{
    /// <summary>Inspection day; the simulation ends when the inspection starts.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Time of day the inspectors look, "HH:mm".</summary>
    public required string Time { get; init; }

    /// <summary>Checkpoints sampled by type id (capped by how many the city has).</summary>
    public required Dictionary<string, int> Sample { get; init; }

    /// <summary>The standard's categories (考核大类); their points add up to the full score (千分制: 1000).</summary>
    public required List<AssessmentCategorySpec> AssessmentCategories { get; init; }

    /// <summary>Score needed to pass.</summary>
    public required double PassThreshold { get; init; }
}

/// <summary>One category of the assessment standard: every open problem found at a sampled checkpoint deducts points, down to 0.</summary>
public sealed record AssessmentCategorySpec
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required int Points { get; init; }

    public required double DeductionPerProblem { get; init; }
}

/// <summary>Recurrence (反弹回潮) and campaign pressure.</summary>
public sealed record RecurrenceSpec
{
    /// <summary>Mean days from closing to recurrence, for the problems that recur (exponential).</summary>
    public required double MeanDaysToRecur { get; init; }

    /// <summary>
    /// How much slack raises recurrence: probability = category probability × (1 + sensitivity × (1 − pressure)).
    /// 0 leaves recurrence independent of pressure.
    /// </summary>
    public required double SlackSensitivity { get; init; }

    /// <summary>Pressure rises linearly to 1 over this many days before the inspection.</summary>
    public required double PressureHorizonDays { get; init; }

    /// <summary>Pressure right after a mock inspection; it decays with <see cref="BoostHalfLifeDays"/>.</summary>
    public required double MockInspectionBoost { get; init; }

    public required double BoostHalfLifeDays { get; init; }
}

/// <summary>Defaults for the command line.</summary>
public sealed record ReplicationSpec
{
    public required int Count { get; init; }

    public required int Seed { get; init; }
}
