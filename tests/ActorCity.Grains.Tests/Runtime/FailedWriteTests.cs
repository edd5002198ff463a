using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Grains.Tests.Runtime;

/// <summary>
/// The task grain changes its task in place before writing it. A command whose write fails is not acknowledged, so its
/// change must not survive in memory: the task is read back from storage, and a retry runs the command again.
/// </summary>
public sealed class FailedWriteTests
{
    [Fact]
    public async Task A_command_whose_write_fails_leaves_the_stored_task_and_its_retry_runs_again()
    {
        var clock = new VirtualTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8)));
        var storage = new FailingStorage(new MemoryGrainStorage());
        await using var host = await SiloHost.StartAsync(b =>
        {
            b.UseVirtualClock(clock).UseDeterministicScheduler().UseInMemoryReminders().AddGrains(typeof(TaskGrain).Assembly);
            b.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, storage);
        });
        var hq = CommandContext.Headquarters("setup");
        await host.GrainFactory.GetGrain<ICampaignGrain>("fw").ConfigureAsync(hq, DefaultCatalogue.Settings("fw", "fw", clock.Now, clock.Now.AddDays(30)));
        await host.GrainFactory.GetGrain<ICampaignGrain>("fw").RegisterGridAsync(hq, new GridSetup("G1", "G1", "chief", "leader"));
        await host.GrainFactory.GetGrain<ICampaignGrain>("fw").RegisterDepartmentAsync(hq, new DepartmentSetup(DefaultCatalogue.Sanitation, "环卫", 1));
        var task = host.GrainFactory.GetGrain<ITaskGrain>("fw-T-1");
        await task.Report(hq with { CommandId = "r" }, new ReportTask("fw", "G1", "exposed-garbage"));

        storage.FailingState = "task";
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => task.Assign(hq with { CommandId = "a" }, new AssignTask()).AsTask());
        Assert.Equal(FailingStorage.MessageFor("task"), failed.Message);
        storage.FailingState = null;

        var stored = (await task.GetAsync())!;
        Assert.Equal(TaskState.Reported, stored.State);
        Assert.Null(stored.FindCommand("a"));

        var retried = await task.Assign(hq with { CommandId = "a" }, new AssignTask());
        Assert.Equal(TaskState.Assigned, retried.To);
        Assert.Equal(TaskState.Assigned, (await task.GetAsync())!.State);
        Assert.Equal(2, storage.TaskWrites);
    }
}
