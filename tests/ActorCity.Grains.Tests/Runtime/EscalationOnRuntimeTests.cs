using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Grains.Tests.Runtime;

[Collection(SiloCollection.Name)]
public sealed class EscalationOnRuntimeTests(SiloFixture silo)
{
    [Fact]
    public async Task Reminders_on_the_virtual_clock_climb_the_ladder_at_each_step_time()
    {
        var monday = await silo.NextMondayAsync();
        await silo.CampaignAsync("esc-1");
        var grid = CommandContext.Grid("esc-1-r", "G2");
        var task = silo.Grains.GetGrain<ITaskGrain>("esc-1-T-1");
        await task.Report(grid, new ReportTask("esc-1", "G2", "exposed-garbage", "G2-M1", "market"));
        await task.Assign(grid with { CommandId = "esc-1-a" }, new AssignTask());

        // Deadline Monday 14:30; reminder 11:30; notice Wednesday 14:30; accountability next Monday 14:30.
        async Task<EscalationLevel> LevelAt(TimeSpan sinceMonday)
        {
            await silo.Clock.AdvanceToAsync(monday + sinceMonday);
            return (await task.GetAsync())!.Escalation;
        }

        Assert.Equal(EscalationLevel.None, await LevelAt(new TimeSpan(3, 29, 0)));
        Assert.Equal(EscalationLevel.Reminder, await LevelAt(new TimeSpan(3, 30, 0)));
        Assert.Equal(EscalationLevel.Supervision, await LevelAt(new TimeSpan(6, 30, 0)));
        Assert.Equal(EscalationLevel.Supervision, await LevelAt(new TimeSpan(2, 6, 29, 0)));
        Assert.Equal(EscalationLevel.PublicNotice, await LevelAt(new TimeSpan(2, 6, 30, 0)));
        Assert.Equal(EscalationLevel.Accountability, await LevelAt(new TimeSpan(7, 6, 30, 0)));

        var record = (await task.GetAsync())!;
        var steps = record.Ledger.Where(e => e.Command == "escalate").ToArray();
        Assert.Equal(["Reminder", "Supervision", "PublicNotice", "Accountability"], steps.Select(e => e.Reason));
        Assert.Equal(monday + new TimeSpan(3, 30, 0), steps[0].At);
        Assert.Equal(monday + new TimeSpan(7, 6, 30, 0), steps[3].At);

        var gridStatus = await silo.Grains.GetGrain<IGridGrain>(GrainKeys.Grid("esc-1", "G2")).GetStatusAsync();
        Assert.Equal(4, gridStatus.RecentNotices.Length);
        Assert.Equal([DefaultCatalogue.Sanitation, "chief-G2", "leader-G2"], gridStatus.RecentNotices[^1].Recipients.ToArray());
        Assert.Equal("esc-1-T-1", Assert.Single(gridStatus.NamedTasks).TaskId);
        var department = await silo.Grains.GetGrain<IDepartmentGrain>(GrainKeys.Department("esc-1", DefaultCatalogue.Sanitation)).GetStatusAsync();
        Assert.Equal(1, department.Counters.Accountabilities);
        Assert.Equal(1, department.Counters.OverduePending);
    }

    [Fact]
    public async Task An_escalated_task_moves_ahead_of_an_earlier_deadline_in_the_queue()
    {
        var monday = await silo.NextMondayAsync();
        await silo.CampaignAsync("esc-2");
        var hq = CommandContext.Headquarters("esc-2");
        var slow = silo.Grains.GetGrain<ITaskGrain>("esc-2-T-slow");
        await slow.Report(hq with { CommandId = "r1" }, new ReportTask("esc-2", "G1", "exposed-garbage"));
        await slow.Assign(hq with { CommandId = "a1" }, new AssignTask(TimeLimit: TimeLimit.Hours(2)));
        var fresh = silo.Grains.GetGrain<ITaskGrain>("esc-2-T-fresh");
        await silo.Clock.AdvanceToAsync(monday.AddHours(2));
        await fresh.Report(hq with { CommandId = "r2" }, new ReportTask("esc-2", "G1", "exposed-garbage"));
        await fresh.Assign(hq with { CommandId = "a2" }, new AssignTask(TimeLimit: TimeLimit.Hours(1)));

        var department = silo.Grains.GetGrain<IDepartmentGrain>(GrainKeys.Department("esc-2", DefaultCatalogue.Sanitation));
        // Before the slow task's reminder (10:00 + ... ) the earlier deadline leads: slow 10:30, fresh 11:00.
        Assert.Equal("esc-2-T-slow", (await department.GetQueueAsync(2))[0].TaskId);
        // Past the fresh task's reminder and the slow one's deadline, the overdue task stays first; and a supervised task beats a reminded one.
        await silo.Clock.AdvanceToAsync(monday.AddHours(2).AddMinutes(50));
        var queue = await department.GetQueueAsync(2);
        Assert.Equal(["esc-2-T-slow", "esc-2-T-fresh"], queue.Select(e => e.TaskId).ToArray());
        Assert.Equal(EscalationLevel.Supervision, queue[0].Level);
        Assert.Equal(EscalationLevel.Reminder, queue[1].Level);
        Assert.Equal(queue[0], await department.PeekQueueAsync());
    }

    [Fact]
    public async Task A_submitted_task_gives_up_its_reminder_at_once_and_rework_arms_it_again()
    {
        var monday = await silo.NextMondayAsync();
        await silo.CampaignAsync("esc-3");
        var grid = CommandContext.Grid("esc-3-r", "G1");
        var crew = CommandContext.Department("esc-3-s", DefaultCatalogue.Sanitation);
        var task = silo.Grains.GetGrain<ITaskGrain>("esc-3-T-1");
        await task.Report(grid, new ReportTask("esc-3", "G1", "exposed-garbage"));
        await task.Assign(grid with { CommandId = "esc-3-a" }, new AssignTask());
        await task.Start(crew);
        Assert.NotNull((await task.GetAsync())!.ReminderDueAt);
        Assert.Single(await RemindersOf("esc-3-T-1"));

        await task.Submit(crew with { CommandId = "esc-3-u" }, new TaskNote());
        Assert.Null((await task.GetAsync())!.ReminderDueAt);
        Assert.Empty(await RemindersOf("esc-3-T-1"));

        // Failed verification: the crew works on, the clock runs again, and the task still climbs at its step times.
        await task.Verify(grid with { CommandId = "esc-3-v" }, new VerifyTask(false, "整改不到位"));
        Assert.Single(await RemindersOf("esc-3-T-1"));
        await silo.Clock.AdvanceToAsync(monday + new TimeSpan(6, 30, 0));
        Assert.Equal(EscalationLevel.Supervision, (await task.GetAsync())!.Escalation);
    }

    private async Task<ReminderEntry[]> RemindersOf(string taskId) =>
        [.. (await silo.Host.Services.GetRequiredService<IReminderTable>().ReadAllRowsAsync()).Where(r => r.GrainId.Key == taskId)];
}
