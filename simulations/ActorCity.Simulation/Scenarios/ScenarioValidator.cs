using System.Globalization;
using ActorCity.Simulation.City;

namespace ActorCity.Simulation.Scenarios;

/// <summary>Range and reference checks on a deserialised scenario; every error names its field path.</summary>
public static class ScenarioValidator
{
    private static readonly string[] s_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    private static readonly string[] s_distributions = ["fixed", "exponential", "uniform", "lognormal", "triangular"];

    public static void Validate(Scenario s, List<string> errors)
    {
        void Check(bool ok, string path, string message)
        {
            if (!ok)
            {
                errors.Add($"{path}: {message}");
            }
        }

        void Probability(double value, string path) => Check(value is >= 0 and <= 1, path, $"must be between 0 and 1 (got {Num(value)})");
        void Positive(double value, string path) => Check(value > 0 && double.IsFinite(value), path, $"must be greater than 0 (got {Num(value)})");
        void NonNegative(double value, string path) => Check(value >= 0 && double.IsFinite(value), path, $"must be 0 or more (got {Num(value)})");

        Check(!string.IsNullOrWhiteSpace(s.Name), "name", "must not be empty");
        Check(!string.IsNullOrWhiteSpace(s.City.Name), "city.name", "must not be empty");
        Check(s.City.Grids is >= 1 and <= 10_000, "city.grids", $"must be between 1 and 10000 (got {s.City.Grids})");
        Check(s.City.CommunitiesPerGrid is >= 1 and <= 100, "city.communitiesPerGrid", $"must be between 1 and 100 (got {s.City.CommunitiesPerGrid})");
        CheckpointCounts(s.City.CheckpointsPerGrid, "city.checkpointsPerGrid", errors);
        Check(s.City.CheckpointsPerGrid.Values.Sum() > 0, "city.checkpointsPerGrid", "the city needs at least one checkpoint");

        Check(s.Departments.Count > 0, "departments", "at least one department is needed");
        var departmentNames = new HashSet<string>();
        for (var i = 0; i < s.Departments.Count; i++)
        {
            var d = s.Departments[i];
            var path = $"departments[{i}]";
            Check(!string.IsNullOrWhiteSpace(d.Name), $"{path}.name", "must not be empty");
            Check(departmentNames.Add(d.Name), $"{path}.name", $"duplicate department '{d.Name}'");
            Check(d.Crews is >= 1 and <= 100_000, $"{path}.crews", $"must be between 1 and 100000 (got {d.Crews})");
            WorkingHours(d.WorkingHours, $"{path}.workingHours", errors);
        }

        Check(s.Categories.Count > 0, "categories", "at least one category is needed");
        var categoryNames = new HashSet<string>();
        for (var i = 0; i < s.Categories.Count; i++)
        {
            var c = s.Categories[i];
            var path = $"categories[{i}]";
            Check(!string.IsNullOrWhiteSpace(c.Name), $"{path}.name", "must not be empty");
            Check(categoryNames.Add(c.Name), $"{path}.name", $"duplicate category '{c.Name}'");
            Check(c.Kind is "facility" or "event", $"{path}.kind", $"must be \"facility\" (部件) or \"event\" (事件) (got \"{c.Kind}\")");
            Probability(c.Share, $"{path}.share");
            Check(departmentNames.Contains(c.LeadDepartment), $"{path}.leadDepartment",
                $"no department named '{c.LeadDepartment}' (known: {string.Join(", ", s.Departments.Select(d => d.Name))})");
            Check(c.TimeLimit.Amount is >= 1 and <= 10_000, $"{path}.timeLimit.amount", $"must be between 1 and 10000 (got {c.TimeLimit.Amount})");
            Check(c.TimeLimit.Unit is "workingHours" or "workingDays", $"{path}.timeLimit.unit", $"must be \"workingHours\" or \"workingDays\" (got \"{c.TimeLimit.Unit}\")");
            Distribution(c.HandlingHours, $"{path}.handlingHours", errors);
            Check(c.ReworkProbability is >= 0 and < 1, $"{path}.reworkProbability", $"must be between 0 and 1, below 1 (got {Num(c.ReworkProbability)})");
            Probability(c.RecurrenceProbability, $"{path}.recurrenceProbability");
            Check(s.Inspection.AssessmentCategories.Any(a => a.Code == c.AssessmentCategory), $"{path}.assessmentCategory",
                $"no assessment category '{c.AssessmentCategory}' in inspection.assessmentCategories (known: {string.Join(", ", s.Inspection.AssessmentCategories.Select(a => a.Code))})");
            Check(c.CheckpointTypes.Count > 0, $"{path}.checkpointTypes", "at least one checkpoint type is needed");
            for (var j = 0; j < c.CheckpointTypes.Count; j++)
            {
                var type = c.CheckpointTypes[j];
                if (!CheckpointTypes.TryGet(type, out _))
                {
                    errors.Add($"{path}.checkpointTypes[{j}]: unknown checkpoint type '{type}'");
                }
                else
                {
                    Check(s.City.CheckpointsPerGrid.GetValueOrDefault(type) > 0, $"{path}.checkpointTypes[{j}]",
                        $"the city has no '{type}' checkpoints (city.checkpointsPerGrid.{type})");
                }
            }
        }

        Check(s.Categories.Sum(c => c.Share) > 0, "categories", "the shares must not all be 0");

        var disc = s.Discovery;
        NonNegative(disc.PatrolArrivalsPerDay, "discovery.patrolArrivalsPerDay");
        NonNegative(disc.CitizenReportsPerDay, "discovery.citizenReportsPerDay");
        Check(disc.InitialBacklog is >= 0 and <= 10_000_000, "discovery.initialBacklog", $"must be between 0 and 10000000 (got {disc.InitialBacklog})");
        WorkingHours(disc.PatrolHours, "discovery.patrolHours", errors);
        Positive(disc.MockInspections.EveryDays, "discovery.mockInspections.everyDays");
        Check(disc.MockInspections.CheckpointsVisited >= 0, "discovery.mockInspections.checkpointsVisited", $"must be 0 or more (got {disc.MockInspections.CheckpointsVisited})");
        NonNegative(disc.MockInspections.ProblemsPerCheckpoint, "discovery.mockInspections.problemsPerCheckpoint");

        NonNegative(s.Workflow.DispatchDelayHours, "workflow.dispatchDelayHours");
        NonNegative(s.Workflow.VerificationDelayHours, "workflow.verificationDelayHours");
        Positive(s.Workflow.ReworkHandlingFactor, "workflow.reworkHandlingFactor");

        var esc = s.Escalation;
        Check(esc.ReminderAtShare is > 0 and < 1, "escalation.reminderAtShare", $"must be between 0 and 1, exclusive (got {Num(esc.ReminderAtShare)})");
        Check(esc.NoticeAfterOverdueWorkingDays >= 1, "escalation.noticeAfterOverdueWorkingDays", $"must be 1 or more (got {esc.NoticeAfterOverdueWorkingDays})");
        Check(esc.AccountabilityAfterOverdueWorkingDays > esc.NoticeAfterOverdueWorkingDays, "escalation.accountabilityAfterOverdueWorkingDays",
            $"must be after escalation.noticeAfterOverdueWorkingDays ({Num(esc.NoticeAfterOverdueWorkingDays)})");
        Check(esc.PriorityEffect is "levelFirst" or "none", "escalation.priorityEffect", $"must be \"levelFirst\" or \"none\" (got \"{esc.PriorityEffect}\")");

        var days = s.Inspection.Date.DayNumber - s.Campaign.Start.DayNumber;
        Check(days is >= 1 and <= 1000, "inspection.date",
            $"must be 1 to 1000 days after campaign.start ({s.Campaign.Start:yyyy-MM-dd}); got {s.Inspection.Date:yyyy-MM-dd}");
        Check(TryParseTime(s.Inspection.Time, out _), "inspection.time", $"must be a time \"HH:mm\" (got \"{s.Inspection.Time}\")");
        CheckpointCounts(s.Inspection.Sample, "inspection.sample", errors);
        Check(s.Inspection.Sample.Values.Sum() > 0, "inspection.sample", "the inspection must sample at least one checkpoint");
        WorkingHours(s.Campaign.WorkingHours, "campaign.workingHours", errors);
        Check(s.Inspection.AssessmentCategories.Count > 0, "inspection.assessmentCategories", "at least one assessment category is needed");
        var assessmentCodes = new HashSet<string>();
        for (var i = 0; i < s.Inspection.AssessmentCategories.Count; i++)
        {
            var a = s.Inspection.AssessmentCategories[i];
            var path = $"inspection.assessmentCategories[{i}]";
            Check(!string.IsNullOrWhiteSpace(a.Code), $"{path}.code", "must not be empty");
            Check(assessmentCodes.Add(a.Code), $"{path}.code", $"duplicate assessment category '{a.Code}'");
            Check(a.Points is >= 1 and <= 100_000, $"{path}.points", $"must be between 1 and 100000 (got {a.Points})");
            NonNegative(a.DeductionPerProblem, $"{path}.deductionPerProblem");
        }

        var fullScore = s.Inspection.AssessmentCategories.Sum(a => (double)a.Points);
        Check(s.Inspection.PassThreshold >= 0 && s.Inspection.PassThreshold <= fullScore, "inspection.passThreshold",
            $"must be between 0 and the full score ({Num(fullScore)}, the sum of inspection.assessmentCategories[*].points) (got {Num(s.Inspection.PassThreshold)})");

        Positive(s.Recurrence.MeanDaysToRecur, "recurrence.meanDaysToRecur");
        NonNegative(s.Recurrence.SlackSensitivity, "recurrence.slackSensitivity");
        Positive(s.Recurrence.PressureHorizonDays, "recurrence.pressureHorizonDays");
        Probability(s.Recurrence.MockInspectionBoost, "recurrence.mockInspectionBoost");
        Positive(s.Recurrence.BoostHalfLifeDays, "recurrence.boostHalfLifeDays");

        Check(s.Replications.Count is >= 1 and <= 10_000, "replications.count", $"must be between 1 and 10000 (got {s.Replications.Count})");
    }

    private static void CheckpointCounts(Dictionary<string, int> counts, string path, List<string> errors)
    {
        foreach (var (type, count) in counts)
        {
            if (!CheckpointTypes.TryGet(type, out _))
            {
                errors.Add($"{path}.{type}: unknown checkpoint type (known: {string.Join(", ", CheckpointTypes.All.Select(t => t.Id))})");
            }
            else if (count is < 0 or > 100_000)
            {
                errors.Add($"{path}.{type}: must be between 0 and 100000 (got {count})");
            }
        }
    }

    private static void WorkingHours(WorkingHoursSpec hours, string path, List<string> errors)
    {
        var fromOk = TryParseTime(hours.From, out var from);
        var toOk = TryParseTime(hours.To, out var to);
        if (!fromOk)
        {
            errors.Add($"{path}.from: must be a time \"HH:mm\" (got \"{hours.From}\")");
        }

        if (!toOk)
        {
            errors.Add($"{path}.to: must be a time \"HH:mm\" or \"24:00\" (got \"{hours.To}\")");
        }

        if (fromOk && toOk && to <= from)
        {
            errors.Add($"{path}.to: must be after {path}.from ({hours.From})");
        }

        if (hours.Days.Count == 0)
        {
            errors.Add($"{path}.days: at least one working day is needed");
        }

        for (var i = 0; i < hours.Days.Count; i++)
        {
            if (!s_days.Contains(hours.Days[i]))
            {
                errors.Add($"{path}.days[{i}]: must be one of {string.Join(", ", s_days)} (got \"{hours.Days[i]}\")");
            }
        }
    }

    private static void Distribution(DistributionSpec d, string path, List<string> errors)
    {
        void Need(double? value, string field, bool positive = true)
        {
            if (value is null)
            {
                errors.Add($"{path}.{field}: required for a {d.Type} distribution");
            }
            else if (positive ? !(value > 0) : !(value >= 0))
            {
                errors.Add($"{path}.{field}: must be {(positive ? "greater than 0" : "0 or more")} (got {Num(value.Value)})");
            }
        }

        switch (d.Type)
        {
            case "fixed":
            case "exponential":
                Need(d.Mean, "mean");
                break;
            case "lognormal":
                Need(d.Mean, "mean");
                Need(d.Sd, "sd");
                break;
            case "uniform":
                Need(d.Min, "min", positive: false);
                Need(d.Max, "max");
                if (d.Min is { } lo && d.Max is { } hi && hi <= lo)
                {
                    errors.Add($"{path}.max: must be greater than {path}.min");
                }

                break;
            case "triangular":
                Need(d.Min, "min", positive: false);
                Need(d.Mode, "mode", positive: false);
                Need(d.Max, "max");
                if (d.Min is { } a && d.Mode is { } m && d.Max is { } b && !(a <= m && m <= b && a < b))
                {
                    errors.Add($"{path}: needs min <= mode <= max and min < max");
                }

                break;
            default:
                errors.Add($"{path}.type: must be one of {string.Join(", ", s_distributions)} (got \"{d.Type}\")");
                break;
        }
    }

    /// <summary>Parses "HH:mm" (00:00 to 24:00) into minutes after midnight.</summary>
    public static bool TryParseTime(string text, out int minutes)
    {
        minutes = 0;
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Length is < 1 or > 2 || parts[1].Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m > 59 || h > 24 || (h == 24 && m != 0))
        {
            return false;
        }

        minutes = (h * 60) + m;
        return true;
    }

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
