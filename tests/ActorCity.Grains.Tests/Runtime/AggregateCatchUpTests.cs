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
            await Assert.ThrowsAsync<InvalidOperationException>(() => task.Assign(Hq with { CommandId = "a" }, new AssignTask()));
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
            await Assert.ThrowsAsync<InvalidOperationException>(() => task.Assign(Hq with { CommandId = "a" }, new AssignTask()));
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
            await Assert.ThrowsAsync<InvalidOperationException>(() => task.Start(Crew with { CommandId = "s" }));
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

    /// <summary>Storage and reminders that outlive one silo, and the campaign every test starts from.</summary>
    private sealed class World
    {
        private readonly VirtualTimeProvider _clock = new(Start);
        private readonly InMemoryReminderTable _reminders = new();
        private bool _configured;

        public FailingStorage Storage { get; } = new(new MemoryGrainStorage());

        public async Task<SiloHost> StartAsync()
        {
            var silo = await SiloHost.StartAsync(b =>
            {
                b.UseVirtualClock(_clock).UseDeterministicScheduler().UseInMemoryReminders(_reminders).AddGrains(typeof(TaskGrain).Assembly);
                b.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, Storage);
            });
            if (!_configured)
            {
                var campaign = silo.GrainFactory.GetGrain<ICampaignGrain>("cu");
                await campaign.ConfigureAsync(Hq, DefaultCatalogue.Settings("cu", "cu", _clock.Now, _clock.Now.AddDays(30)));
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

        public IDepartmentGrain Department(SiloHost silo) => silo.GrainFactory.GetGrain<IDepartmentGrain>(GrainKeys.Department("cu", DefaultCatalogue.Sanitation));

        public IGridGrain Grid(SiloHost silo) => silo.GrainFactory.GetGrain<IGridGrain>(GrainKeys.Grid("cu", "G1"));
    }
}
