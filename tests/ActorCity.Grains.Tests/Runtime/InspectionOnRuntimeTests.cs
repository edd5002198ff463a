using ActorCity.Grains.Domain;

namespace ActorCity.Grains.Tests.Runtime;

[Collection(SiloCollection.Name)]
public sealed class InspectionOnRuntimeTests(SiloFixture silo)
{
    [Fact]
    public async Task Open_problems_at_sampled_checkpoints_cost_points_and_closed_ones_do_not()
    {
        await silo.NextMondayAsync();
        var campaign = await silo.CampaignAsync("ins-1");
        var hq = CommandContext.Headquarters("ins-1");
        // Two open problems at G1-M1 (city appearance, 2 points each), one food problem at G2-M2 (3 points), one closed at G1-B1.
        var reports = new[] { ("ins-1-T-1", "G1", "G1-M1", "exposed-garbage"), ("ins-1-T-2", "G1", "G1-M1", "clutter"), ("ins-1-T-3", "G2", "G2-M2", "food-licence"), ("ins-1-T-4", "G1", "G1-B1", "small-ads") };
        foreach (var (id, grid, checkpoint, category) in reports)
        {
            await silo.Grains.GetGrain<ITaskGrain>(id).Report(hq with { CommandId = id }, new ReportTask("ins-1", grid, category, checkpoint));
        }

        await silo.Grains.GetGrain<ITaskGrain>("ins-1-T-4").Cancel(hq with { CommandId = "c4" }, new CancelTask(CancelReason.NoActionNeeded));

        var inspection = silo.Grains.GetGrain<IInspectionGrain>(GrainKeys.Inspection("ins-1", "mock-1"));
        var result = await inspection.RunAsync(hq with { CommandId = "run-1" }, new InspectionPlan("ins-1", 7, []));

        Assert.Equal(6, result.Sampled.Length);
        Assert.Equal(3, result.ProblemsFound);
        Assert.Equal(1000 - 4 - 3, result.Score);
        Assert.True(result.Passed);
        Assert.Equal(4, result.Categories.Single(c => c.Code == "CITY-APPEARANCE").Deducted);

        Assert.Equal(result, await inspection.RunAsync(hq with { CommandId = "run-1" }, new InspectionPlan("ins-1", 7, [])));
        var e = await Assert.ThrowsAsync<DomainException>(() => inspection.RunAsync(hq with { CommandId = "run-2" }, new InspectionPlan("ins-1", 8, [])));
        Assert.Equal(DomainErrors.InspectionAlreadyRun, e.Code);
        Assert.Equal(4, (await campaign.GetIndicatorsAsync()).Campaign.Counters.Total);
    }

    [Fact]
    public async Task The_weekly_notice_names_publicly_noticed_tasks_and_lists_the_worst_grid()
    {
        var monday = await silo.NextMondayAsync();
        var campaign = await silo.CampaignAsync("ins-2");
        var hq = CommandContext.Headquarters("ins-2");
        var late = silo.Grains.GetGrain<ITaskGrain>("ins-2-T-late");
        await late.Report(hq with { CommandId = "r1" }, new ReportTask("ins-2", "G2", "exposed-garbage"));
        await late.Assign(hq with { CommandId = "a1" }, new AssignTask());
        var quick = silo.Grains.GetGrain<ITaskGrain>("ins-2-T-quick");
        await quick.Report(hq with { CommandId = "r2" }, new ReportTask("ins-2", "G1", "exposed-garbage"));
        await quick.Assign(hq with { CommandId = "a2" }, new AssignTask());
        await quick.Start(hq with { CommandId = "s2" });
        await quick.Submit(hq with { CommandId = "u2" }, new TaskNote());
        await quick.Verify(hq with { CommandId = "v2" }, new VerifyTask(true));
        await silo.Clock.AdvanceToAsync(monday.AddDays(4));

        var notice = await campaign.GetWeeklyNoticeAsync(hq with { CommandId = "n" });
        Assert.Equal("ins-2-T-late", Assert.Single(notice.NamedTasks).TaskId);
        Assert.Equal("G2", notice.Indicators.BlackListGrids[0]);
        Assert.Equal("G1", notice.Indicators.RedListGrids[0]);
        Assert.Equal(notice.Indicators.Grids.Sum(g => g.Counters.Total), notice.Indicators.Campaign.Counters.Total);
    }
}
