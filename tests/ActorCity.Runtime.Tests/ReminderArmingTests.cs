using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Reminders;
using ActorCity.Runtime.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorCity.Runtime.Tests;

/// <summary>How an armed reminder sits on the clock: one timer per reminder, ticks in arming order, stale ticks dropped.</summary>
public sealed class ReminderArmingTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static Task<SiloHost> StartDeterministicSilo(VirtualTimeProvider clock, InMemoryReminderTable? reminders = null) =>
        SiloHost.StartAsync(b => b
            .UseVirtualClock(clock)
            .UseDeterministicScheduler()
            .UseInMemoryReminders(reminders)
            .AddGrains(typeof(ReminderArmingTests).Assembly)
            .Configure(o => o.CollectionAge = Timeout.InfiniteTimeSpan));

    [Fact]
    public async Task Reminders_due_at_the_same_instant_fire_in_the_order_they_were_last_armed()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartDeterministicSilo(clock);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);

        await grain.Register("a", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        await grain.Register("b", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        await grain.Register("c", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        await grain.Register("a", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        await clock.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(["b@03-02 09:00", "c@03-02 09:00", "a@03-02 09:00"], Journal.Of(key));

        // Each tick re-armed its reminder in firing order, so the next day keeps that order.
        await clock.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(["b@03-02 09:00", "c@03-02 09:00", "a@03-02 09:00", "b@03-03 09:00", "c@03-03 09:00", "a@03-03 09:00"], Journal.Of(key));
    }

    [Fact]
    public async Task An_armed_reminder_is_its_own_timer_on_the_virtual_clock_and_unregistering_takes_it_off_the_queue()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartDeterministicSilo(clock);
        var grains = Enumerable.Range(0, 3).Select(_ => silo.GrainFactory.GetGrain<IRepeatedReminderGrain>(Guid.NewGuid().ToString("N"))).ToArray();
        var queued = clock.QueuedTimerCount;

        foreach (var grain in grains)
        {
            await grain.RegisterEach("chase", [TimeSpan.FromHours(3), TimeSpan.FromHours(1), TimeSpan.FromHours(2)], TimeSpan.FromDays(1));
        }

        Assert.Equal(queued + grains.Length, clock.QueuedTimerCount);
        var handle = await silo.Services.GetRequiredService<SiloRuntime>().Reminders.RegisterOrUpdateAsync(new GrainId(nameof(RepeatedReminderGrain), "other"), "chase", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        Assert.IsAssignableFrom<VirtualTimeProvider.Timer>(handle);
        Assert.Equal(queued + grains.Length + 1, clock.QueuedTimerCount);

        foreach (var grain in grains)
        {
            await grain.UnregisterFirst();
        }

        Assert.Equal(queued + 1, clock.QueuedTimerCount);
    }

    [Fact]
    public async Task On_a_system_clock_a_tick_dispatched_by_the_timer_of_an_older_arming_is_dropped()
    {
        var clock = new ManualClock(Start);
        await using var silo = await SiloHost.StartAsync(b => b
            .UseGrainClock(clock)
            .UseInMemoryReminders()
            .AddGrains(typeof(ReminderArmingTests).Assembly)
            .Configure(o => o.CollectionAge = Timeout.InfiniteTimeSpan));
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);

        await grain.Register("chase", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        await grain.Register("chase", TimeSpan.FromHours(2), TimeSpan.FromDays(1));
        var first = clock.TimerDueIn(TimeSpan.FromHours(1));
        var second = clock.TimerDueIn(TimeSpan.FromHours(2));

        // The first arming's timer was disposed by the update, but a system timer may have dispatched its callback already.
        Assert.True(first.Disposed);
        first.Invoke();
        second.Invoke();
        await grain.Unregister("chase");

        Assert.Equal(["chase@03-02 08:00"], Journal.Of(key));
        Assert.Equal(TimeSpan.FromHours(2) + TimeSpan.FromDays(1), second.DueTime);
        Assert.True(second.Disposed);
    }

    [Fact]
    public async Task The_in_memory_table_upserted_and_removed_concurrently_keeps_exactly_the_rows_not_removed()
    {
        var table = new InMemoryReminderTable();
        var ids = Enumerable.Range(0, 400).Select(i => new GrainId("grain", $"g{i}")).ToArray();

        await Parallel.ForEachAsync(ids, async (id, cancellationToken) =>
        {
            var etag = await table.UpsertRowAsync(new ReminderEntry(id, "r", Start, TimeSpan.FromHours(1)), cancellationToken);
            etag = await table.UpsertRowAsync(new ReminderEntry(id, "r", Start.AddHours(1), TimeSpan.FromHours(1)), cancellationToken);
            if (id.Key.EndsWith('0'))
            {
                Assert.True(await table.RemoveRowAsync(id, "r", etag, cancellationToken));
            }
        });

        var rows = await table.ReadAllRowsAsync();
        Assert.Equal(ids.Where(id => !id.Key.EndsWith('0')).Select(id => id.Key).Order(StringComparer.Ordinal), rows.Select(r => r.GrainId.Key).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(Start.AddHours(1), r.StartAt));
        Assert.Equal(rows.Count, rows.Select(r => r.ETag).Distinct().Count());
    }

    [Fact]
    public async Task A_reminder_on_a_table_other_than_the_in_memory_one_is_armed_updated_and_removed_by_ETag()
    {
        var clock = new VirtualTimeProvider(Start);
        var stored = new InMemoryReminderTable();
        await using var silo = await SiloHost.StartAsync(b =>
        {
            b.UseVirtualClock(clock).UseDeterministicScheduler().AddGrains(typeof(ReminderArmingTests).Assembly)
                .Configure(o => o.CollectionAge = Timeout.InfiniteTimeSpan);
            b.Services.Replace(ServiceDescriptor.Singleton<IReminderTable>(new ForeignTable(stored)));
        });
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IRepeatedReminderGrain>(key);

        Assert.True(await grain.RegisterEach("chase", [TimeSpan.FromHours(2), TimeSpan.FromHours(1)], TimeSpan.FromDays(1)));
        await clock.AdvanceAsync(TimeSpan.FromHours(3));
        Assert.Equal(["chase@03-02 09:00"], Journal.Of(key));
        Assert.Equal(Start.AddHours(1), (await stored.ReadRowAsync(new GrainId(nameof(RepeatedReminderGrain), key), "chase"))?.StartAt);

        await grain.UnregisterFirst();
        await clock.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Equal(["chase@03-02 09:00"], Journal.Of(key));
        Assert.Empty(await stored.ReadAllRowsAsync());
    }

    /// <summary>A table the reminder service knows only by its interface, as it knows the SQL ones.</summary>
    private sealed class ForeignTable(InMemoryReminderTable inner) : IReminderTable
    {
        public Task InitAsync(CancellationToken cancellationToken = default) => inner.InitAsync(cancellationToken);

        public Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default) => inner.ReadAllRowsAsync(cancellationToken);

        public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) => inner.ReadRowsAsync(grainId, cancellationToken);

        public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default) => inner.ReadRowAsync(grainId, reminderName, cancellationToken);

        public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default) => inner.UpsertRowAsync(entry, cancellationToken);

        public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default) => inner.RemoveRowAsync(grainId, reminderName, eTag, cancellationToken);
    }

    /// <summary>
    /// A clock that is not the virtual one and whose time stands still: its timers run only when a test invokes them, as
    /// a system timer's callback would run, even after the timer was changed or disposed.
    /// </summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private readonly List<ManualTimer> _timers = [];

        public override DateTimeOffset GetUtcNow() => now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(callback, state, dueTime);
            lock (_timers)
            {
                _timers.Add(timer);
            }

            return timer;
        }

        public ManualTimer TimerDueIn(TimeSpan dueTime)
        {
            lock (_timers)
            {
                return _timers.Single(t => t.CreatedDueTime == dueTime);
            }
        }
    }

    private sealed class ManualTimer(TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
    {
        public TimeSpan CreatedDueTime { get; } = dueTime;

        public TimeSpan DueTime { get; private set; } = dueTime;

        public bool Disposed { get; private set; }

        public void Invoke() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DueTime = dueTime;
            return !Disposed;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
