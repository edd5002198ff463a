using ActorCity.Grains.Domain;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>Shared fixtures of the pure tests: a campaign with the default catalogue and calendar (+08:00, 08:30-12:00 and 14:00-17:30).</summary>
internal static class TestData
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Monday 2 March 2026, 08:00 in China.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 8, 0, 0, China);

    public static readonly CampaignSettings Settings =
        DefaultCatalogue.Settings("C1", "高安三城同创", Monday, Monday.AddDays(60));

    public static readonly CampaignRules Rules = CampaignRules.For(Settings);

    public static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    public static CommandContext Hq(string id) => CommandContext.Headquarters(id);

    public static CommandContext Grid(string id, string grid = "G15") => CommandContext.Grid(id, grid);

    public static CommandContext Dept(string id, string dept = DefaultCatalogue.Sanitation) => CommandContext.Department(id, dept);

    public static TaskRecord Reported(string taskId = "T-1", string category = "exposed-garbage", DateTimeOffset? at = null) =>
        TaskMachine.Report(new TaskRecord(), taskId, Grid("r-" + taskId), new ReportTask("C1", "G15", category, "CP-1", "market"), Rules, at ?? Monday).Record;

    public static TaskRecord Assigned(string taskId = "T-1", string category = "exposed-garbage", DateTimeOffset? at = null) =>
        TaskMachine.Assign(Reported(taskId, category, at), Hq("a-" + taskId), new AssignTask(), Rules, at ?? Monday).Record;
}
