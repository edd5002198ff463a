using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Reminders;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Grains.Tests.Runtime;

/// <summary>Escalation is durable: a task assigned on one silo climbs the ladder on the next one, from stored reminders and state.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Escalation_continues_after_a_silo_restart()
    {
        var clock = new VirtualTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8)));
        var storage = new MemoryGrainStorage();
        var reminders = new InMemoryReminderTable();
        Task<SiloHost> StartAsync() => SiloHost.StartAsync(b =>
        {
            b.Configure(o => o.ResponseTimeout = TimeSpan.FromDays(3650))
                .UseVirtualClock(clock)
                .UseDeterministicScheduler()
                .UseInMemoryReminders(reminders)
                .AddGrains(typeof(TaskGrain).Assembly);
            b.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, storage);
        });

        await using (var first = await StartAsync())
        {
            var hq = CommandContext.Headquarters("setup");
            var campaign = first.GrainFactory.GetGrain<ICampaignGrain>("rs");
            await campaign.ConfigureAsync(hq, DefaultCatalogue.Settings("rs", "rs", clock.Now, clock.Now.AddDays(30)));
            await campaign.RegisterGridAsync(hq, new GridSetup("G1", "G1", "chief", "leader"));
            await campaign.RegisterDepartmentAsync(hq, new DepartmentSetup(DefaultCatalogue.Sanitation, "环卫", 1));
            var task = first.GrainFactory.GetGrain<ITaskGrain>("rs-T-1");
            await task.Report(hq with { CommandId = "r" }, new ReportTask("rs", "G1", "exposed-garbage"));
            await task.Assign(hq with { CommandId = "a" }, new AssignTask());
            await first.StopAsync();
        }

        await using var second = await StartAsync();
        await clock.AdvanceAsync(TimeSpan.FromHours(7));
        var record = (await second.GrainFactory.GetGrain<ITaskGrain>("rs-T-1").GetAsync())!;
        Assert.Equal(EscalationLevel.Supervision, record.Escalation);
        Assert.True(record.Overdue);
        var department = await second.GrainFactory.GetGrain<IDepartmentGrain>(GrainKeys.Department("rs", DefaultCatalogue.Sanitation)).GetStatusAsync();
        Assert.Equal(1, department.Counters.OverduePending);
    }
}
