using ActorCity.Grains.Domain;

namespace ActorCity.Grains.Tests.Runtime;

[Collection(SiloCollection.Name)]
public sealed class WorkflowOnRuntimeTests(SiloFixture silo)
{
    private const string Sanitation = DefaultCatalogue.Sanitation;

    private static CommandContext Grid(string id, string grid = "G1") => CommandContext.Grid(id, grid);

    private static CommandContext Dept(string id, string dept = Sanitation) => CommandContext.Department(id, dept);

    private async Task<ITaskGrain> ReportAndAssignAsync(string campaign, string taskId, string grid = "G1", string category = "exposed-garbage", string checkpoint = "")
    {
        var task = silo.Grains.GetGrain<ITaskGrain>(taskId);
        await task.Report(Grid($"{taskId}-r", grid), new ReportTask(campaign, grid, category, checkpoint.Length > 0 ? checkpoint : $"{grid}-M1", "market"));
        await task.Assign(Grid($"{taskId}-a", grid), new AssignTask());
        return task;
    }

    [Fact]
    public async Task Start_next_called_from_outside_the_silo_completes_before_it_returns_on_the_deterministic_scheduler()
    {
        await silo.NextMondayAsync();
        await silo.CampaignAsync("wf-sn", sanitationCrews: 3);
        for (var i = 0; i < 20; i++)
        {
            await ReportAndAssignAsync("wf-sn", $"wf-sn-T-{i:D2}", grid: i % 2 == 0 ? "G1" : "G2");
        }

        var department = silo.Grains.GetGrain<IDepartmentGrain>(GrainKeys.Department("wf-sn", Sanitation));
        var started = new List<string?>();
        for (var round = 0; round < 4; round++)
        {
            var call = await Task.Factory.StartNew(() => department.StartNextAsync(Dept($"wf-sn-n{round}")), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
            Assert.True(call.IsCompleted, $"StartNextAsync #{round} was still pending after the run loop drained");
            started.Add((await call).TaskId);
        }

        Assert.Equal(["wf-sn-T-00", "wf-sn-T-01", "wf-sn-T-02", null], started);
    }

    [Fact]
    public async Task A_co_department_is_told_of_a_shared_task_and_counts_it_until_it_closes()
    {
        await silo.NextMondayAsync();
        await silo.CampaignAsync("wf-co");
        var task = silo.Grains.GetGrain<ITaskGrain>("wf-co-T-1");
        await task.Report(Grid("wf-co-r"), new ReportTask("wf-co", "G1", "exposed-garbage", "G1-M1", "market"));
        await task.Assign(Grid("wf-co-a"), new AssignTask { CoDepartments = [DefaultCatalogue.Market] });
        var market = silo.Grains.GetGrain<IDepartmentGrain>(GrainKeys.Department("wf-co", DefaultCatalogue.Market));
        Assert.Equal(1, (await market.GetStatusAsync()).SharedOpen);

        await task.Start(Dept("wf-co-s"));
        await task.Submit(Dept("wf-co-u"), new TaskNote());
        await task.Verify(Grid("wf-co-v"), new VerifyTask(true));

        var status = await market.GetStatusAsync();
        Assert.Equal(0, status.SharedOpen);
        Assert.Equal(0, status.Queued);
    }

    [Fact]
    public async Task A_task_runs_the_whole_workflow_through_the_department_queue_and_the_aggregates_follow()
    {
        await silo.NextMondayAsync();
        var campaign = await silo.CampaignAsync("wf-1");
        var task = await ReportAndAssignAsync("wf-1", "wf-1-T-1");
        var department = silo.Grains.GetGrain<IDepartmentGrain>(GrainKeys.Department("wf-1", Sanitation));
        var started = await department.StartNextAsync(Dept("wf-1-n1"));
        Assert.Equal("wf-1-T-1", started.TaskId);
        Assert.Equal(1, started.Busy);
        await task.Submit(Dept("wf-1-s"), new TaskNote("photo-1"));
        await task.Verify(Grid("wf-1-v"), new VerifyTask(true));

        var record = await task.GetAsync();
        Assert.Equal(TaskState.Closed, record!.State);
        Assert.Equal(["report", "assign", "start", "submit", "verify"], record.Ledger.Select(e => e.Command));
        var status = await department.GetStatusAsync();
        Assert.Equal(0, status.Busy);
        Assert.Equal(1, status.Counters.Closed);
        var indicators = await campaign.GetIndicatorsAsync();
        Assert.Equal(1, indicators.Campaign.Counters.ClosedOnTime);
        Assert.Equal(1.0, indicators.Campaign.Indicators.OnTimeClosedRate);
        Assert.Equal(1, indicators.Grids.Single(g => g.Code == "G1").Counters.Total);
    }

    [Fact]
    public async Task Start_next_respects_crew_capacity_and_frees_the_crew_on_submit()
    {
        await silo.NextMondayAsync();
        await silo.CampaignAsync("wf-2", sanitationCrews: 1);
        var first = await ReportAndAssignAsync("wf-2", "wf-2-T-1");
        await ReportAndAssignAsync("wf-2", "wf-2-T-2");
        var department = silo.Grains.GetGrain<IDepartmentGrain>(GrainKeys.Department("wf-2", Sanitation));

        Assert.Equal("wf-2-T-1", (await department.StartNextAsync(Dept("wf-2-n1"))).TaskId);
        var full = await department.StartNextAsync(Dept("wf-2-n2"));
        Assert.Null(full.TaskId);
        Assert.Equal(1, full.Queued);

        await first.Submit(Dept("wf-2-s"), new TaskNote());
        Assert.Equal("wf-2-T-2", (await department.StartNextAsync(Dept("wf-2-n3"))).TaskId);
    }

    [Fact]
    public async Task A_retried_command_returns_the_first_result_and_is_applied_once()
    {
        await silo.NextMondayAsync();
        var campaign = await silo.CampaignAsync("wf-3");
        var task = await ReportAndAssignAsync("wf-3", "wf-3-T-1");
        var first = await task.Start(Dept("wf-3-start"));
        await silo.Clock.AdvanceAsync(TimeSpan.FromMinutes(5));
        var retry = await task.Start(Dept("wf-3-start"));

        Assert.Equal(first, retry);
        Assert.Equal(3, (await task.GetAsync())!.Ledger.Length);
        var department = await silo.Grains.GetGrain<IDepartmentGrain>(GrainKeys.Department("wf-3", Sanitation)).GetStatusAsync();
        Assert.Equal(1, department.Busy);
        Assert.Equal(1, (await campaign.GetIndicatorsAsync()).Campaign.Counters.InProgress);
    }

    [Fact]
    public async Task A_department_acting_on_another_departments_task_is_refused_and_nothing_changes()
    {
        await silo.NextMondayAsync();
        await silo.CampaignAsync("wf-4");
        var task = await ReportAndAssignAsync("wf-4", "wf-4-T-1");
        var before = await task.GetAsync();

        var e = await Assert.ThrowsAsync<DomainException>(() => task.Start(Dept("wf-4-x", DefaultCatalogue.Market)).AsTask());
        Assert.Equal(DomainErrors.OutOfScope, e.Code);
        var after = await task.GetAsync();
        Assert.Equal(before!.State, after!.State);
        Assert.Equal(before.Ledger.Length, after.Ledger.Length);
    }

    [Fact]
    public async Task Disputed_task_leaves_the_old_queue_and_joins_the_arbitrated_departments()
    {
        await silo.NextMondayAsync();
        await silo.CampaignAsync("wf-5");
        var task = await ReportAndAssignAsync("wf-5", "wf-5-T-1");
        await task.Dispute(Dept("wf-5-d"), new TaskNote("market's stall"));
        await task.Arbitrate(CommandContext.Headquarters("wf-5-a"), new ArbitrateTask(DefaultCatalogue.Market));

        var sanitation = silo.Grains.GetGrain<IDepartmentGrain>(GrainKeys.Department("wf-5", Sanitation));
        var market = silo.Grains.GetGrain<IDepartmentGrain>(GrainKeys.Department("wf-5", DefaultCatalogue.Market));
        Assert.Empty(await sanitation.GetQueueAsync(10));
        Assert.Equal("wf-5-T-1", Assert.Single(await market.GetQueueAsync(10)).TaskId);
        Assert.Null(await sanitation.PeekQueueAsync());
        Assert.Equal((await market.GetQueueAsync(1))[0], await market.PeekQueueAsync());
    }
}
