using System.Collections.Immutable;
using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Reminders;
using ActorCity.Runtime.Time;

namespace ActorCity.Runtime.Tests;

/// <summary>The shortcuts the runtime takes to keep per-call and per-activation costs down, and that they change nothing visible.</summary>
public sealed class RuntimeCostTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static Task<SiloHost> StartDeterministicSilo(VirtualTimeProvider clock, InMemoryReminderTable? reminders = null) =>
        SiloHost.StartAsync(b => b
            .UseVirtualClock(clock)
            .UseDeterministicScheduler()
            .UseInMemoryReminders(reminders)
            .AddMemoryGrainStorage()
            .AddGrains(typeof(RuntimeCostTests).Assembly)
            .Configure(o => o.CollectionAge = Timeout.InfiniteTimeSpan));

    [Fact]
    public void Only_a_class_that_overrides_a_lifecycle_method_is_marked_as_overriding_it()
    {
        var plain = new GrainClassInfo(typeof(CounterGrain), (_, _) => null!);
        var lifecycle = new GrainClassInfo(typeof(LifecycleGrain), (_, _) => null!);
        var flaky = new GrainClassInfo(typeof(FlakyActivationGrain), (_, _) => null!);

        Assert.False(plain.OverridesOnActivate);
        Assert.False(plain.OverridesOnDeactivate);
        Assert.True(lifecycle.OverridesOnActivate);
        Assert.True(lifecycle.OverridesOnDeactivate);
        Assert.True(flaky.OverridesOnActivate);
        Assert.False(flaky.OverridesOnDeactivate);
    }

    [Fact]
    public async Task The_activation_count_follows_activations_and_their_deactivation_at_stop()
    {
        var clock = new VirtualTimeProvider(Start);
        var silo = await StartDeterministicSilo(clock);
        var keys = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        foreach (var key in keys)
        {
            await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).Ping();
            await silo.GrainFactory.GetGrain<ICounterGrain>(key).Increment();
        }

        Assert.Equal(10, silo.Silo.ActivationCount);

        await silo.Silo.StopAsync(CancellationToken.None);

        Assert.Equal(0, silo.Silo.ActivationCount);
        Assert.All(keys, key => Assert.Equal(["activate", "deactivate:ShuttingDown"], Journal.Of(key)));
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task A_value_task_call_that_completes_inline_allocates_nothing_and_is_counted_like_any_call()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartDeterministicSilo(clock);
        var grain = silo.GrainFactory.GetGrain<ITallyGrain>(Guid.NewGuid().ToString("N"));
        Assert.Equal(1, await grain.Add(1));
        var calls = silo.Silo.Metrics.CallsCompleted;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 100; i++)
        {
            var call = grain.Add(1);
            Assert.True(call.IsCompletedSuccessfully);
            total = await call;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(101, total);
        Assert.Equal(calls + 100, silo.Silo.Metrics.CallsCompleted);
    }

    [Fact]
    public async Task Value_task_calls_that_await_or_fail_inline_keep_turns_whole_and_carry_their_outcome()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartDeterministicSilo(clock);
        var grain = silo.GrainFactory.GetGrain<ITallyGrain>(Guid.NewGuid().ToString("N"));

        // The first call awaits inside its turn; the ones made meanwhile queue behind it, so no update is lost.
        var calls = Enumerable.Range(0, 5).Select(_ => grain.AddAfterAwait(2).AsTask()).ToArray();
        var results = await Task.WhenAll(calls);

        Assert.Equal([2, 4, 6, 8, 10], results.Order());
        Assert.Equal(11, await grain.Add(1));
        Assert.Equal("tally failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail().AsTask())).Message);
        Assert.Equal(12, await grain.Add(1));
    }

    [Fact]
    public async Task A_reminder_updated_many_times_keeps_one_handle_and_fires_once_at_the_newest_due_time()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartDeterministicSilo(clock);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IRepeatedReminderGrain>(key);

        var sameHandle = await grain.RegisterEach("chase", [TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromMinutes(30), TimeSpan.FromHours(3)], TimeSpan.FromDays(1));
        await clock.AdvanceAsync(TimeSpan.FromHours(4));

        Assert.True(sameHandle);
        Assert.Equal(["chase@03-02 11:00"], Journal.Of(key));

        await clock.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(["chase@03-02 11:00", "chase@03-03 11:00"], Journal.Of(key));
    }

    [Fact]
    public async Task Unregistering_with_the_handle_of_the_first_registration_removes_the_updated_reminder()
    {
        var clock = new VirtualTimeProvider(Start);
        var table = new InMemoryReminderTable();
        await using var silo = await StartDeterministicSilo(clock, table);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IRepeatedReminderGrain>(key);
        await grain.RegisterEach("chase", [TimeSpan.FromHours(1), TimeSpan.FromHours(2)], TimeSpan.FromDays(1));

        await grain.UnregisterFirst();
        await clock.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Empty(Journal.Of(key));
        Assert.Null(await table.ReadRowAsync(GrainIdOf(key), "chase"));
    }

    [Fact]
    public async Task A_reminder_unregistered_through_another_handle_and_registered_again_is_armed_and_stored_anew()
    {
        var clock = new VirtualTimeProvider(Start);
        var table = new InMemoryReminderTable();
        await using var silo = await StartDeterministicSilo(clock, table);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);

        // The activation keeps the first registration's handle; the unregister goes through GetReminder's handle.
        await grain.Register("chase", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        await grain.Unregister("chase");
        await grain.Register("chase", TimeSpan.FromHours(2), TimeSpan.FromDays(1));
        await clock.AdvanceAsync(TimeSpan.FromHours(3));

        Assert.Equal(["chase@03-02 10:00"], Journal.Of(key));
        Assert.Equal(Start.AddHours(2), (await table.ReadRowAsync(new GrainId(nameof(ReminderGrain), key), "chase"))?.StartAt);

        // Armed anew means known to the service by name again: unregistering by name stops it.
        await grain.Unregister("chase");
        await clock.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Equal(["chase@03-02 10:00"], Journal.Of(key));
        Assert.Empty(await table.ReadAllRowsAsync());
    }

    [Fact]
    public async Task Reminders_of_two_names_updated_in_turn_each_fire_once_at_their_newest_due_time()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartDeterministicSilo(clock);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IRepeatedReminderGrain>(key);

        await grain.RegisterEach("first", [TimeSpan.FromHours(1)], TimeSpan.FromDays(1));
        await grain.RegisterEach("second", [TimeSpan.FromHours(2)], TimeSpan.FromDays(1));
        await grain.RegisterEach("first", [TimeSpan.FromHours(3)], TimeSpan.FromDays(1));
        await grain.RegisterEach("second", [TimeSpan.FromHours(4)], TimeSpan.FromDays(1));
        await clock.AdvanceAsync(TimeSpan.FromHours(5));

        Assert.Equal(["first@03-02 11:00", "second@03-02 12:00"], Journal.Of(key));
    }

    [Fact]
    public async Task Reminders_registered_updated_and_unregistered_concurrently_on_the_thread_pool_leave_exactly_the_kept_ones()
    {
        var clock = new VirtualTimeProvider(Start);
        var table = new InMemoryReminderTable();
        await using var silo = await SiloHost.StartAsync(b => b
            .UseVirtualClock(clock)
            .UseInMemoryReminders(table)
            .AddGrains(typeof(RuntimeCostTests).Assembly));
        var keys = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        var grains = keys.Select(silo.GrainFactory.GetGrain<IRepeatedReminderGrain>).ToArray();

        await Task.WhenAll(grains.Select(g => g.RegisterEach("chase", [TimeSpan.FromHours(1), TimeSpan.FromHours(2)], TimeSpan.FromDays(1))));
        await Task.WhenAll(grains.Where((_, i) => i % 2 == 1).Select(g => g.UnregisterFirst()));
        await clock.AdvanceAsync(TimeSpan.FromHours(3));

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? ["chase@03-02 10:00"] : [], Journal.Of(keys[i]));
        }

        Assert.Equal(keys.Length / 2, (await table.ReadAllRowsAsync()).Count);
    }

    [Fact]
    public async Task GetGrain_shares_one_reference_per_live_activation_and_it_reaches_the_next_activation_after_deactivation()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartDeterministicSilo(clock);
        var key = Guid.NewGuid().ToString("N");
        var first = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await first.Ping();

        var second = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        var third = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        Assert.Same(second, third);
        Assert.Equal(first, second);

        await third.Deactivate();
        Assert.Equal(0, silo.Silo.ActivationCount);
        await third.Ping();

        Assert.Equal(["activate", "deactivate:ApplicationRequested", "activate"], Journal.Of(key));
        // The reference whose call made the new activation is the one that activation shares from then on.
        Assert.Same(third, silo.GrainFactory.GetGrain<ILifecycleGrain>(key));
    }

    [Fact]
    public async Task The_reference_that_creates_an_activation_is_the_one_it_shares_through_its_reminder_ticks()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartDeterministicSilo(clock);
        var key = Guid.NewGuid().ToString("N");
        var creating = silo.GrainFactory.GetGrain<IRepeatedReminderGrain>(key);
        await creating.RegisterEach("tick", [TimeSpan.FromHours(1)], TimeSpan.FromHours(1));

        // The reference a reminder tick is delivered through is the shared one (a tick finding none makes its own).
        Assert.Same(creating, silo.GrainFactory.GetGrain<IRepeatedReminderGrain>(key));
        await clock.AdvanceAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(2, Journal.Of(key).Count);
        Assert.Same(creating, silo.GrainFactory.GetGrain<IRepeatedReminderGrain>(key));
    }

    [Fact]
    public async Task A_virtual_timer_changed_by_an_earlier_callback_of_the_same_instant_fires_only_at_its_new_time()
    {
        var clock = new VirtualTimeProvider(Start);
        var fired = new List<string>();
        ITimer? second = null;
        using var first = clock.CreateTimer(_ =>
        {
            fired.Add($"first@{clock.Now:HH:mm}");
            second!.Change(TimeSpan.FromMinutes(30), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        second = clock.CreateTimer(_ => fired.Add($"second@{clock.Now:HH:mm}"), null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);

        await clock.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(["first@08:10", "second@08:40"], fired);
        second.Dispose();
    }

    [Fact]
    public void A_virtual_timer_changed_many_times_or_disposed_leaves_no_stale_entry_in_the_clock_queue()
    {
        var clock = new VirtualTimeProvider(Start);
        var timers = Enumerable.Range(0, 100).Select(_ => clock.CreateTimer(_ => { }, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan)).ToArray();
        for (var round = 0; round < 10; round++)
        {
            foreach (var timer in timers)
            {
                timer.Change(TimeSpan.FromMinutes(10 + round), Timeout.InfiniteTimeSpan);
            }
        }

        Assert.Equal(100, clock.QueuedTimerCount);

        foreach (var timer in timers.Take(40))
        {
            timer.Dispose();
        }

        foreach (var timer in timers.Skip(40).Take(20))
        {
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        Assert.Equal(40, clock.QueuedTimerCount);
    }

    [Fact]
    public async Task Virtual_timers_changed_in_any_order_fire_by_due_time_then_by_their_latest_arming()
    {
        var clock = new VirtualTimeProvider(Start);
        var fired = new List<int>();
        var random = new Random(20260302);
        const int Count = 200;
        // The expected order: due minute, then when the timer was last armed (a change re-arms it behind its ties).
        var dueMinutes = new int[Count];
        var armedAt = new int[Count];
        var timers = new ITimer[Count];
        for (var i = 0; i < Count; i++)
        {
            var id = i;
            dueMinutes[i] = random.Next(1, 6);
            armedAt[i] = i;
            timers[i] = clock.CreateTimer(_ => fired.Add(id), null, TimeSpan.FromMinutes(dueMinutes[i]), Timeout.InfiniteTimeSpan);
        }

        for (var change = 0; change < 500; change++)
        {
            var i = random.Next(Count);
            dueMinutes[i] = random.Next(1, 6);
            armedAt[i] = Count + change;
            timers[i].Change(TimeSpan.FromMinutes(dueMinutes[i]), Timeout.InfiniteTimeSpan);
        }

        await clock.AdvanceAsync(TimeSpan.FromMinutes(10));

        var expected = Enumerable.Range(0, Count).OrderBy(i => dueMinutes[i]).ThenBy(i => armedAt[i]).ToArray();
        Assert.Equal(expected, fired);
        Assert.Equal(0, clock.QueuedTimerCount);
    }

    [Fact]
    public async Task A_reminder_whose_row_was_removed_through_the_table_is_stored_again_by_its_next_update()
    {
        var clock = new VirtualTimeProvider(Start);
        var table = new InMemoryReminderTable();
        await using var silo = await StartDeterministicSilo(clock, table);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IRepeatedReminderGrain>(key);
        await grain.RegisterEach("chase", [TimeSpan.FromHours(1)], TimeSpan.FromDays(1));
        var stored = await table.ReadRowAsync(GrainIdOf(key), "chase");
        Assert.True(await table.RemoveRowAsync(GrainIdOf(key), "chase", stored!.ETag!));

        await grain.RegisterEach("chase", [TimeSpan.FromHours(2)], TimeSpan.FromDays(1));

        var again = await table.ReadRowAsync(GrainIdOf(key), "chase");
        Assert.NotNull(again);
        Assert.Equal(Start.AddHours(2), again.StartAt);
        Assert.NotEqual(stored.ETag, again.ETag);
        Assert.False(await table.RemoveRowAsync(GrainIdOf(key), "chase", stored.ETag!));
    }

    [Fact]
    public async Task The_in_memory_table_hands_out_a_new_ETag_per_upsert_and_removes_only_with_the_current_one()
    {
        var table = new InMemoryReminderTable();
        var id = new GrainId("G", "1");
        var first = await table.UpsertRowAsync(new ReminderEntry(id, "r", Start, TimeSpan.FromHours(1)));
        var second = await table.UpsertRowAsync(new ReminderEntry(id, "r", Start.AddHours(1), TimeSpan.FromHours(1)));

        Assert.NotEqual(first, second);
        Assert.Equal(second, (await table.ReadRowAsync(id, "r"))!.ETag);
        Assert.False(await table.RemoveRowAsync(id, "r", first));
        Assert.True(await table.RemoveRowAsync(id, "r", second));
        Assert.Null(await table.ReadRowAsync(id, "r"));
        Assert.Empty(await table.ReadAllRowsAsync());
    }

    private static GrainId GrainIdOf(string key) => new(nameof(RepeatedReminderGrain), key);
}

public interface IRepeatedReminderGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Registers the reminder once per due time, in order; true when every update handed back the first handle.</summary>
    Task<bool> RegisterEach(string name, ImmutableArray<TimeSpan> dueTimes, TimeSpan period);

    /// <summary>Unregisters with the handle the first registration returned.</summary>
    Task UnregisterFirst();
}

public sealed class RepeatedReminderGrain : Grain, IRepeatedReminderGrain
{
    private IGrainReminder? _first;

    public async Task<bool> RegisterEach(string name, ImmutableArray<TimeSpan> dueTimes, TimeSpan period)
    {
        var same = true;
        foreach (var dueTime in dueTimes)
        {
            var handle = await RegisterOrUpdateReminder(name, dueTime, period);
            _first ??= handle;
            same &= ReferenceEquals(handle, _first);
        }

        return same;
    }

    public Task UnregisterFirst() => UnregisterReminder(_first!);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Journal.Add(this.GetPrimaryKeyString(), $"{reminderName}@{status.CurrentTickTime.ToOffset(TimeSpan.FromHours(8)):MM-dd HH:mm}");
        return Task.CompletedTask;
    }
}
