using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Reminders;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Grains.Tests.Runtime;

/// <summary>
/// A task stores its change and then tells its grid and department. When an aggregate's write fails there, the command
/// is not acknowledged; the aggregate must not keep the unsaved change in memory, and must catch up, as stored, when
/// the command is retried or when its queue meets the task again. Each test restarts the silo on the same storage to
/// read what was really stored.
/// </summary>
public sealed class AggregateCatchUpTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly CommandContext Hq = CommandContext.Headquarters("setup");
    private static readonly CommandContext Crew = CommandContext.Department("setup", DefaultCatalogue.Sanitation);

    [Fact]
    public async Task A_retried_command_brings_an_aggregate_that_failed_to_store_its_change_up_to_date()
    {
        var world = new World();
        await using (var silo = await world.StartAsync())
        {
            var task = await world.ReportAsync(silo);

            world.Storage.FailingState = "department";
            await Assert.ThrowsAsync<InvalidOperationException>(() => task.Assign(Hq with { CommandId = "a" }, new AssignTask()).AsTask());
            world.Storage.FailingState = null;

            // The task was stored as assigned; the department, read back as stored, has not heard of it.
            Assert.Equal(TaskState.Assigned, (await task.GetAsync())!.State);
            Assert.Equal(0, (await world.Department(silo).GetStatusAsync()).Queued);

            var retried = await task.Assign(Hq with { CommandId = "a" }, new AssignTask());
            Assert.Equal(TaskState.Assigned, retried.To);
            var status = await world.Department(silo).GetStatusAsync();
            Assert.Equal(1, status.Queued);
            Assert.Equal(1, status.Counters.Assigned);
        }

        await using var restarted = await world.StartAsync();
        var stored = await world.Department(restarted).GetStatusAsync();
        Assert.Equal(1, stored.Queued);
        Assert.Equal(1, stored.Counters.Assigned);
        Assert.Equal(1, (await world.Grid(restarted).GetStatusAsync()).Counters.Assigned);
    }

    [Fact]
    public async Task A_grid_that_failed_to_store_a_change_keeps_the_stored_counts_until_the_retry()
    {
        var world = new World();
        await using (var silo = await world.StartAsync())
        {
            var task = await world.ReportAsync(silo);

            world.Storage.FailingState = "grid";
            await Assert.ThrowsAsync<InvalidOperationException>(() => task.Assign(Hq with { CommandId = "a" }, new AssignTask()).AsTask());
            world.Storage.FailingState = null;

            var before = (await world.Grid(silo).GetStatusAsync()).Counters;
            Assert.Equal((1, 0), (before.Reported, before.Assigned));

            await task.Assign(Hq with { CommandId = "a" }, new AssignTask());
            var after = (await world.Grid(silo).GetStatusAsync()).Counters;
            Assert.Equal((0, 1), (after.Reported, after.Assigned));
        }

        await using var restarted = await world.StartAsync();
        var stored = (await world.Grid(restarted).GetStatusAsync()).Counters;
        Assert.Equal((0, 1), (stored.Reported, stored.Assigned));
    }

    [Fact]
    public async Task Start_next_takes_a_stale_queue_entry_from_the_task_and_stores_what_it_learns()
    {
        var world = new World();
        await using (var silo = await world.StartAsync())
        {
            var task = await world.ReportAsync(silo);
            await task.Assign(Hq with { CommandId = "a" }, new AssignTask());

            // The crew starts the task directly; the department fails to store that, and nobody retries.
            world.Storage.FailingState = "department";
            await Assert.ThrowsAsync<InvalidOperationException>(() => task.Start(Crew with { CommandId = "s" }).AsTask());
            world.Storage.FailingState = null;
            Assert.Equal(TaskState.InProgress, (await task.GetAsync())!.State);
            Assert.Equal(1, (await world.Department(silo).GetStatusAsync()).Queued);

            // Start-next meets the stale entry: the task refuses to start again, and the department asks it what it is.
            var result = await world.Department(silo).StartNextAsync(Crew with { CommandId = "next" });
            Assert.Null(result.TaskId);
            Assert.Equal((1, 0), (result.Busy, result.Queued));
        }

        // Learnt for good: the entry does not come back with the stored state.
        await using var restarted = await world.StartAsync();
        var stored = await world.Department(restarted).GetStatusAsync();
        Assert.Equal((1, 0), (stored.Busy, stored.Queued));
        Assert.Equal(1, stored.Counters.InProgress);
    }

    [Fact]
    public async Task A_grid_that_failed_to_hear_an_escalation_tick_hears_it_a_minute_later()
    {
        var world = new World();
        await using (var silo = await world.StartAsync())
        {
            var (task, firstStep) = await world.AssignedAsync(silo);

            // The reminder step is taken and stored, but the grid fails to store it. No caller retries a tick.
            await world.AdvanceWhileTheGridFailsAsync(firstStep);
            Assert.Equal(EscalationLevel.Reminder, (await task.GetAsync())!.Escalation);
            Assert.Equal(0, (await world.GridCountersAsync(silo)).Reminders);
            Assert.Equal(1, (await world.Department(silo).GetStatusAsync()).Counters.Reminders);

            await world.Clock.AdvanceToAsync(firstStep + TaskGrain.NotifyRetry - TimeSpan.FromSeconds(1));
            Assert.Equal(0, (await world.GridCountersAsync(silo)).Reminders);
            await world.Clock.AdvanceToAsync(firstStep + TaskGrain.NotifyRetry);
            Assert.Equal(1, (await world.GridCountersAsync(silo)).Reminders);

            // Back on the escalation schedule: the next step still comes when it is due, and is told once.
            var next = (await task.GetAsync())!.ReminderDueAt!.Value;
            Assert.True(next > firstStep + TaskGrain.NotifyRetry, $"next step {next:O}");
            await world.Clock.AdvanceToAsync(next);
            var told = await world.GridCountersAsync(silo);
            Assert.Equal((1, 1), (told.Reminders, told.Supervisions));
        }

        // As stored: a restarted silo reads the grid back with both steps.
        await using var restarted = await world.StartAsync();
        var reread = await world.GridCountersAsync(restarted);
        Assert.Equal((1, 1), (reread.Reminders, reread.Supervisions));
    }

    [Fact]
    public async Task The_last_escalation_step_keeps_its_reminder_until_the_grid_has_heard_it()
    {
        var world = new World();
        await using var silo = await world.StartAsync();
        var (task, _) = await world.AssignedAsync(silo);

        // Climb to the step before accountability, then let the grid fail the last one.
        while ((await task.GetAsync())!.Escalation < EscalationLevel.PublicNotice)
        {
            await world.Clock.AdvanceToAsync((await task.GetAsync())!.ReminderDueAt!.Value);
        }

        var last = (await task.GetAsync())!.ReminderDueAt!.Value;
        await world.AdvanceWhileTheGridFailsAsync(last);
        var record = (await task.GetAsync())!;
        Assert.Equal(EscalationLevel.Accountability, record.Escalation);
        Assert.Null(record.ReminderDueAt);
        Assert.Equal(0, (await world.GridCountersAsync(silo)).Accountabilities);
        Assert.Single(await world.TaskReminderRowsAsync());

        await world.Clock.AdvanceToAsync(last + TaskGrain.NotifyRetry);
        Assert.Equal(1, (await world.GridCountersAsync(silo)).Accountabilities);
        Assert.Empty(await world.TaskReminderRowsAsync());
    }

    [Fact]
    public async Task A_command_that_tells_the_aggregates_first_leaves_the_retry_tick_nothing_to_tell()
    {
        var world = new World();
        await using var silo = await world.StartAsync();
        var (task, firstStep) = await world.AssignedAsync(silo);
        await world.AdvanceWhileTheGridFailsAsync(firstStep);

        // The crew starts before the retry: the command tells the grid the task as it is, the missed step included.
        await task.Start(Crew with { CommandId = "s" });
        var afterStart = await world.GridCountersAsync(silo);
        Assert.Equal((1, 1), (afterStart.Reminders, afterStart.InProgress));

        var writes = world.Storage.GridWrites;
        await world.Clock.AdvanceToAsync(firstStep + TaskGrain.NotifyRetry);
        Assert.Equal(writes, world.Storage.GridWrites);
        var afterRetry = await world.GridCountersAsync(silo);
        Assert.Equal((1, 1), (afterRetry.Reminders, afterRetry.InProgress));
    }

    /// <summary>Storage and reminders that outlive one silo, and the campaign every test starts from.</summary>
    private sealed class World
    {
        private readonly InMemoryReminderTable _reminders = new();
        private bool _configured;

        public VirtualTimeProvider Clock { get; } = new(Start);

        public FailingStorage Storage { get; } = new(new MemoryGrainStorage());

        public async Task<SiloHost> StartAsync()
        {
            var silo = await SiloHost.StartAsync(b =>
            {
                b.UseVirtualClock(Clock).UseDeterministicScheduler().UseInMemoryReminders(_reminders).AddGrains(typeof(TaskGrain).Assembly);
                b.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, Storage);
            });
            if (!_configured)
            {
                var campaign = silo.GrainFactory.GetGrain<ICampaignGrain>("cu");
                await campaign.ConfigureAsync(Hq, DefaultCatalogue.Settings("cu", "cu", Clock.Now, Clock.Now.AddDays(30)));
                await campaign.RegisterGridAsync(Hq, new GridSetup("G1", "G1", "chief", "leader"));
                await campaign.RegisterDepartmentAsync(Hq, new DepartmentSetup(DefaultCatalogue.Sanitation, "环卫", 1));
                _configured = true;
            }

            return silo;
        }

        public async Task<ITaskGrain> ReportAsync(SiloHost silo)
        {
            var task = silo.GrainFactory.GetGrain<ITaskGrain>("cu-T-1");
            await task.Report(Hq with { CommandId = "r" }, new ReportTask("cu", "G1", "exposed-garbage"));
            return task;
        }

        /// <summary>Reports and assigns the task; returns it with the time its first escalation step is due.</summary>
        public async Task<(ITaskGrain Task, DateTimeOffset FirstStep)> AssignedAsync(SiloHost silo)
        {
            var task = await ReportAsync(silo);
            await task.Assign(Hq with { CommandId = "a" }, new AssignTask());
            return (task, (await task.GetAsync())!.ReminderDueAt!.Value);
        }

        /// <summary>Advances the clock to <paramref name="at"/> while the grid's writes fail.</summary>
        public async Task AdvanceWhileTheGridFailsAsync(DateTimeOffset at)
        {
            Storage.FailingState = "grid";
            await Clock.AdvanceToAsync(at);
            Storage.FailingState = null;
        }

        public async Task<TaskCounters> GridCountersAsync(SiloHost silo) => (await Grid(silo).GetStatusAsync()).Counters;

        /// <summary>The stored reminder rows of the task <see cref="ReportAsync"/> reports.</summary>
        public async Task<ReminderEntry[]> TaskReminderRowsAsync() =>
            [.. (await _reminders.ReadAllRowsAsync()).Where(r => r.GrainId.Key == "cu-T-1")];

        public IDepartmentGrain Department(SiloHost silo) => silo.GrainFactory.GetGrain<IDepartmentGrain>(GrainKeys.Department("cu", DefaultCatalogue.Sanitation));

        public IGridGrain Grid(SiloHost silo) => silo.GrainFactory.GetGrain<IGridGrain>(GrainKeys.Grid("cu", "G1"));
    }
}
