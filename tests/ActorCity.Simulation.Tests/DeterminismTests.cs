using ActorCity.Simulation.Engine;
using ActorCity.Simulation.Reports;
using ActorCity.Simulation.Running;

namespace ActorCity.Simulation.Tests;

public sealed class DeterminismTests
{
    private static async Task<string> ReportJsonAsync(IReplicationEngine engine, int parallel, int seed = 7)
    {
        var prepared = Simulator.Prepare(TestScenarios.SmallOptions(parallel) with { Seed = seed });
        var report = await Simulator.RunAsync(prepared, engine);
        return ReportJson.Serialize(report);
    }

    [Fact]
    public async Task Grain_engine_report_is_byte_identical_at_parallel_1_and_2_apart_from_timing()
    {
        var one = await ReportJsonAsync(new GrainEngine(), parallel: 1);
        var two = await ReportJsonAsync(new GrainEngine(), parallel: 2);
        Assert.Equal(ReportJson.WithoutTiming(one), ReportJson.WithoutTiming(two));
        Assert.Contains("\"timing\"", one);
    }

    [Fact]
    public async Task Timing_counts_messages_and_timer_firings_and_the_same_seed_does_the_same_work()
    {
        var prepared = Simulator.Prepare(TestScenarios.SmallOptions(1) with { Replications = 2 });
        var one = (await Simulator.RunAsync(prepared, new GrainEngine())).Timing;
        var two = (await Simulator.RunAsync(Simulator.Prepare(TestScenarios.SmallOptions(2) with { Replications = 2 }), new GrainEngine())).Timing;

        Assert.Equal(one.Messages + one.TimerFirings, one.Events);
        // The small scenario's tasks escalate, so reminders fire; each firing is delivered as a call too.
        Assert.InRange(one.TimerFirings, 1, one.Messages - 1);
        Assert.Equal(Math.Round(one.Events / one.WallSeconds, 0), one.EventsPerSecond);
        Assert.Equal((one.Messages, one.TimerFirings), (two.Messages, two.TimerFirings));
    }

    [Theory]
    [InlineData(1, 4, 1)]
    [InlineData(3, 2, 2)]
    [InlineData(3, 8, 3)]
    public async Task Timing_reports_how_many_replications_ran_at_once(int replications, int parallel, int expected)
    {
        var prepared = Simulator.Prepare(TestScenarios.SmallOptions(parallel) with { Replications = replications });
        var report = await Simulator.RunAsync(prepared, new GrainEngine());
        Assert.Equal(expected, report.Timing.Parallel);
        Assert.True(report.Timing.Events > 0);
    }

    [Fact]
    public async Task Sqlite_storage_gives_the_same_report_as_memory_storage()
    {
        var directory = Directory.CreateTempSubdirectory("actorcity-sim-sqlite").FullName;
        try
        {
            var memory = await ReportJsonAsync(new GrainEngine(), parallel: 1);
            var sqlite = await ReportJsonAsync(new GrainEngine("sqlite", directory), parallel: 1);
            Assert.Equal(ReportJson.WithoutTiming(memory), ReportJson.WithoutTiming(sqlite));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_different_seed_gives_a_different_report()
    {
        var a = await ReportJsonAsync(new GrainEngine(), parallel: 1, seed: 7);
        var b = await ReportJsonAsync(new GrainEngine(), parallel: 1, seed: 8);
        Assert.NotEqual(ReportJson.WithoutTiming(a), ReportJson.WithoutTiming(b));
    }

    [Fact]
    public async Task Compare_runs_both_variants_on_the_same_seeds_and_reports_paired_differences()
    {
        var prepared = Simulator.Prepare(TestScenarios.SmallOptions(2) with { CompareSets = ["departments[*].crews=3"] });
        var report = await Simulator.RunAsync(prepared, new GrainEngine());
        Assert.NotNull(report.Comparison);
        Assert.Equal(report.Results.PerReplication.Select(r => r.Seed), report.Comparison!.Results.PerReplication.Select(r => r.Seed));
        Assert.Contains(report.Comparison.Differences, d => d.Metric == "onTimeClosedRate");
        Assert.Equal(["departments[*].crews=3"], report.Comparison.Scenario.Overrides);
    }

    [Fact]
    public async Task Reports_are_written_as_json_and_self_contained_html()
    {
        var prepared = Simulator.Prepare(TestScenarios.SmallOptions());
        var report = await Simulator.RunAsync(prepared, new GrainEngine());
        var directory = Directory.CreateTempSubdirectory("actorcity-report").FullName;
        Simulator.WriteReports(report, directory);
        var json = File.ReadAllText(Path.Combine(directory, "report.json"));
        foreach (var field in new[] { "\"scenario\"", "\"seed\"", "\"replications\"", "\"workflows\"", "\"results\"", "\"grids\"", "\"departments\"", "\"wallSeconds\"", "\"eventsPerSecond\"" })
        {
            Assert.Contains(field, json);
        }

        var html = File.ReadAllText(Path.Combine(directory, "report.html"));
        Assert.Equal(3, CountOf(html, "<svg"));
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
