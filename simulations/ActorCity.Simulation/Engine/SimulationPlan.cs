using ActorCity.Simulation.City;
using ActorCity.Simulation.Scenarios;

namespace ActorCity.Simulation.Engine;

/// <summary>
/// A validated scenario compiled for running: the city, calendars and lookup tables shared read-only by
/// every replication. Simulation time is in minutes after 00:00 (UTC+8) on the campaign's first day.
/// </summary>
public sealed class SimulationPlan
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public SimulationPlan(Scenario scenario, int citySeed)
    {
        Scenario = scenario;
        City = CityGenerator.Generate(scenario, citySeed);
        Start = new DateTimeOffset(scenario.Campaign.Start.ToDateTime(TimeOnly.MinValue), ChinaOffset);
        ScenarioValidator.TryParseTime(scenario.Inspection.Time, out var inspectionMinute);
        Days = scenario.Inspection.Date.DayNumber - scenario.Campaign.Start.DayNumber;
        InspectionMinute = (Days * 1440L) + inspectionMinute;
        var firstDay = scenario.Campaign.Start.DayOfWeek;
        DepartmentCalendars = scenario.Departments.Select(d => new WorkingCalendar(d.WorkingHours, firstDay)).ToArray();
        PatrolCalendar = new WorkingCalendar(scenario.Discovery.PatrolHours, firstDay);
        CampaignCalendar = new WorkingCalendar(scenario.Campaign.WorkingHours, firstDay);
        CategoryTimeLimitMinutes = scenario.Categories
            .Select(c => c.TimeLimit.Amount * (c.TimeLimit.Unit == "workingDays" ? (double)CampaignCalendar.MinutesPerWorkingDay : 60.0))
            .ToArray();
        var assessmentIndex = scenario.Inspection.AssessmentCategories.Select((a, i) => (a.Code, i)).ToDictionary(x => x.Code, x => x.i);
        CategoryAssessment = scenario.Categories.Select(c => assessmentIndex[c.AssessmentCategory]).ToArray();
        CategoryDeduction = CategoryAssessment.Select(a => scenario.Inspection.AssessmentCategories[a].DeductionPerProblem).ToArray();
        FullScore = scenario.Inspection.AssessmentCategories.Sum(a => (double)a.Points);
        var departmentIndex = scenario.Departments.Select((d, i) => (d.Name, i)).ToDictionary(x => x.Name, x => x.i);
        CategoryDepartment = scenario.Categories.Select(c => departmentIndex[c.LeadDepartment]).ToArray();

        var cumulative = 0.0;
        CategoryCumulativeShare = scenario.Categories.Select(c => cumulative += c.Share).ToArray();

        CheckpointsByType = CheckpointTypes.All.ToDictionary(t => t.Id, t => City.Checkpoints.Where(c => c.Type == t.Id).Select(c => c.Index).ToArray());
        CheckpointTypeIndex = City.Checkpoints.Select(c => IndexOfType(c.Type)).ToArray();

        // For each category: the checkpoints where it can occur, so a new problem lands on one of them uniformly.
        CategoryCheckpoints = scenario.Categories
            .Select(c => c.CheckpointTypes.Distinct().SelectMany(t => CheckpointsByType[t]).Order().ToArray())
            .ToArray();

        // For each checkpoint type: the categories that occur there, weighted by share (mock inspections draw from these).
        CategoriesAtType = new double[CheckpointTypes.All.Count][];
        CategoryIdsAtType = new int[CheckpointTypes.All.Count][];
        for (var t = 0; t < CheckpointTypes.All.Count; t++)
        {
            var id = CheckpointTypes.All[t].Id;
            var ids = scenario.Categories.Select((c, i) => (c, i)).Where(x => x.c.CheckpointTypes.Contains(id) && x.c.Share > 0).Select(x => x.i).ToArray();
            var sum = 0.0;
            CategoryIdsAtType[t] = ids;
            CategoriesAtType[t] = ids.Select(i => sum += scenario.Categories[i].Share).ToArray();
        }

        // Chance that a checkpoint of each type is sampled on inspection day.
        SampleProbabilityByType = CheckpointTypes.All
            .Select(t => CheckpointsByType[t.Id].Length == 0 ? 0.0
                : Math.Min(1.0, (double)scenario.Inspection.Sample.GetValueOrDefault(t.Id) / CheckpointsByType[t.Id].Length))
            .ToArray();
    }

    public Scenario Scenario { get; }

    public CityModel City { get; }

    public DateTimeOffset Start { get; }

    /// <summary>Whole days from the campaign start to the inspection day.</summary>
    public int Days { get; }

    public long InspectionMinute { get; }

    public WorkingCalendar[] DepartmentCalendars { get; }

    public WorkingCalendar PatrolCalendar { get; }

    public int[] CategoryDepartment { get; }

    /// <summary>The campaign's working calendar: deadlines and escalation.</summary>
    public WorkingCalendar CampaignCalendar { get; }

    public double[] CategoryTimeLimitMinutes { get; }

    public int[] CategoryAssessment { get; }

    public double[] CategoryDeduction { get; }

    public double FullScore { get; }

    public double[] CategoryCumulativeShare { get; }

    public Dictionary<string, int[]> CheckpointsByType { get; }

    public int[] CheckpointTypeIndex { get; }

    public int[][] CategoryCheckpoints { get; }

    public double[][] CategoriesAtType { get; }

    public int[][] CategoryIdsAtType { get; }

    public double[] SampleProbabilityByType { get; }

    public DateTimeOffset ToInstant(long minute) => Start.AddMinutes(minute);

    public static int IndexOfType(string id)
    {
        for (var i = 0; i < CheckpointTypes.All.Count; i++)
        {
            if (CheckpointTypes.All[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
