using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Reminders;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Runtime.Tests;

public sealed class StateAndReminderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static Task<SiloHost> StartSilo(MemoryGrainStorage storage, InMemoryReminderTable? reminders = null, VirtualTimeProvider? clock = null) =>
        SiloHost.StartAsync(b =>
        {
            b.AddGrains(typeof(StateAndReminderTests).Assembly).UseInMemoryReminders(reminders);
            b.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, storage);
            if (clock is not null)
            {
                b.UseVirtualClock(clock).UseDeterministicScheduler();
            }
        });

    [Fact]
    public async Task State_survives_deactivation()
    {
        var storage = new MemoryGrainStorage();
        await using var silo = await StartSilo(storage);
        var key = Guid.NewGuid().ToString("N");
        var ledger = silo.GrainFactory.GetGrain<ILedgerGrain>(key);
        await ledger.Append("reported");
        await ledger.Deactivate();
        await CallSemanticsTests.WaitUntil(() => silo.Silo.ActivationCount == 0);

        await ledger.Append("assigned");

        Assert.Equal(["reported", "assigned"], (await ledger.Entries()).ToArray());
    }

    [Fact]
    public async Task A_failed_activation_fails_its_calls_with_the_reason_and_the_next_call_activates_again()
    {
        // Deterministic, so the call is surely queued before activation fails (on the thread pool a call that arrives after
        // the failure simply goes to a fresh activation).
        await using var silo = await StartSilo(new MemoryGrainStorage(), clock: new VirtualTimeProvider(Start));
        var grain = silo.GrainFactory.GetGrain<IFlakyActivationGrain>(Guid.NewGuid().ToString("N"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Attempt());
        Assert.Equal("registry unavailable on first activation", thrown.Message);
        Assert.Equal(2, await grain.Attempt());
    }

    [Fact]
    public async Task Calls_queued_behind_DeactivateOnIdle_run_on_the_next_activation_and_nothing_is_lost()
    {
        var storage = new MemoryGrainStorage();
        await using var silo = await StartSilo(storage);
        var ledger = silo.GrainFactory.GetGrain<ILedgerGrain>(Guid.NewGuid().ToString("N"));
        await ledger.Append("first");

        var calls = new List<Task> { ledger.Deactivate() };
        calls.AddRange(Enumerable.Range(0, 50).Select(i => ledger.Append($"e{i}")));
        await Task.WhenAll(calls);

        var entries = await ledger.Entries();
        Assert.Equal(51, entries.Length);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"e{i}").Order(), entries.Skip(1).Order());
    }

    [Fact]
    public async Task State_survives_a_full_silo_restart()
    {
        var storage = new MemoryGrainStorage();
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await StartSilo(storage))
        {
            await first.GrainFactory.GetGrain<ILedgerGrain>(key).Append("reported");
        }

        await using var second = await StartSilo(storage);
        Assert.Equal(["reported"], (await second.GrainFactory.GetGrain<ILedgerGrain>(key).Entries()).ToArray());
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_is_refused_and_writes_nothing()
    {
        var storage = new MemoryGrainStorage();
        var key = Guid.NewGuid().ToString("N");
        await using var first = await StartSilo(storage);
        await using var second = await StartSilo(storage);
        var stale = first.GrainFactory.GetGrain<ILedgerGrain>(key);
        await stale.Entries();
        await second.GrainFactory.GetGrain<ILedgerGrain>(key).Append("written elsewhere");

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Append("stale write"));

        await using var third = await StartSilo(storage);
        Assert.Equal(["written elsewhere"], (await third.GrainFactory.GetGrain<ILedgerGrain>(key).Entries()).ToArray());
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_after_it()
    {
        var storage = new MemoryGrainStorage();
        var reminders = new InMemoryReminderTable();
        var key = Guid.NewGuid().ToString("N");
        var clock = new VirtualTimeProvider(Start);
        await using (var first = await StartSilo(storage, reminders, clock))
        {
            await first.GrainFactory.GetGrain<IReminderGrain>(key).Register("escalate", TimeSpan.FromHours(4), TimeSpan.FromDays(1));
        }

        Assert.Empty(Journal.Of(key));
        var restarted = new VirtualTimeProvider(Start.AddHours(1));
        await using var second = await StartSilo(storage, reminders, restarted);
        await restarted.AdvanceAsync(TimeSpan.FromHours(28));

        Assert.Equal(["escalate@03-02 12:00", "escalate@03-03 12:00"], Journal.Of(key).ToArray());
    }

    [Fact]
    public async Task An_unregistered_reminder_does_not_fire()
    {
        var key = Guid.NewGuid().ToString("N");
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartSilo(new MemoryGrainStorage(), new InMemoryReminderTable(), clock);
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);
        await grain.Register("escalate", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await clock.AdvanceAsync(TimeSpan.FromMinutes(90));
        await grain.Unregister("escalate");
        await clock.AdvanceAsync(TimeSpan.FromHours(5));

        Assert.Equal(["escalate@03-02 09:00"], Journal.Of(key).ToArray());
    }
}
