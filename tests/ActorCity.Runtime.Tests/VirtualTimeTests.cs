using System.Diagnostics.Metrics;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Time;

namespace ActorCity.Runtime.Tests;

public sealed class VirtualTimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static Task<SiloHost> StartSilo(VirtualTimeProvider clock, bool deterministic, Action<SiloOptions>? options = null) =>
        SiloHost.StartAsync(b =>
        {
            b.UseVirtualClock(clock).AddMemoryGrainStorage().AddGrains(typeof(VirtualTimeTests).Assembly);
            b.Configure(o =>
            {
                o.CollectionAge = Timeout.InfiniteTimeSpan;
                options?.Invoke(o);
            });
            if (deterministic)
            {
                b.UseDeterministicScheduler();
            }
        });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Advancing_fires_due_timers_in_time_order_and_returns_at_quiescence(bool deterministic)
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartSilo(clock, deterministic);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>(key);
        await grain.StartOneShot("c", TimeSpan.FromMinutes(30));
        await grain.StartOneShot("a", TimeSpan.FromMinutes(10));
        await grain.StartOneShot("b", TimeSpan.FromMinutes(20));
        await grain.StartOneShot("late", TimeSpan.FromHours(2));

        await clock.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(0, silo.Silo.OutstandingWork);
        Assert.Equal(["a@08:10", "b@08:20", "c@08:30"], Journal.Of(key));
        Assert.Equal(Start.AddHours(1), clock.Now);
    }

    [Fact]
    public async Task A_periodic_timer_ticks_once_per_period_of_virtual_time()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartSilo(clock, deterministic: true);
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>(Guid.NewGuid().ToString("N"));
        await grain.Start(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));

        await clock.AdvanceAsync(TimeSpan.FromHours(1));

        var ticks = await grain.Ticks();
        Assert.Equal([Start.AddMinutes(5), Start.AddMinutes(20), Start.AddMinutes(35), Start.AddMinutes(50)], ticks.Select(t => t.ToOffset(Start.Offset)).ToArray());
    }

    [Fact]
    public async Task Idle_collection_deactivates_after_the_configured_age_on_the_virtual_clock()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartSilo(clock, deterministic: false, o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CollectionQuantum = TimeSpan.FromMinutes(1);
        });
        var key = Guid.NewGuid().ToString("N");
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).Ping();

        await clock.AdvanceAsync(TimeSpan.FromMinutes(9));
        Assert.Equal(["activate"], Journal.Of(key));

        await clock.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(["activate", "deactivate:ActivationIdle"], Journal.Of(key));
    }

    [Fact]
    public async Task The_same_calls_on_the_deterministic_scheduler_give_the_same_interleaving()
    {
        static async Task<string> Run()
        {
            var clock = new VirtualTimeProvider(Start);
            await using var silo = await StartSilo(clock, deterministic: true);
            var key = Guid.NewGuid().ToString("N");
            var grains = Enumerable.Range(0, 20).Select(i => silo.GrainFactory.GetGrain<ITimerGrain>($"{key}-{i}")).ToArray();
            for (var i = 0; i < grains.Length; i++)
            {
                await grains[i].StartOneShot($"g{i}", TimeSpan.FromMinutes(i % 3));
            }

            await clock.AdvanceAsync(TimeSpan.FromMinutes(5));
            return string.Join(",", grains.Select((_, i) => string.Join("|", Journal.Of($"{key}-{i}"))));
        }

        Assert.Equal(await Run(), await Run());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_call_back_into_a_busy_grain_on_an_always_interleave_method_completes(bool deterministic)
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await StartSilo(clock, deterministic);
        var key = Guid.NewGuid().ToString("N");
        var dispatcher = silo.GrainFactory.GetGrain<IDispatcherGrain>(key);
        await dispatcher.Notify(0);

        var call = await Task.Factory.StartNew(() => dispatcher.Dispatch(key), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
        if (deterministic)
        {
            Assert.True(call.IsCompleted, "the run loop returned with the call still pending");
        }

        Assert.Equal(1, await call.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task The_virtual_clock_refuses_to_move_backwards()
    {
        var clock = new VirtualTimeProvider(Start);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => clock.AdvanceToAsync(Start.AddMinutes(-1)));
        Assert.Equal(Start, clock.Now);
    }

    [Fact]
    public async Task The_silo_counts_timer_and_reminder_firings_apart_from_calls_and_reports_them_by_kind()
    {
        var clock = new VirtualTimeProvider(Start);
        await using var silo = await SiloHost.StartAsync(b => b.UseVirtualClock(clock).UseDeterministicScheduler().UseInMemoryReminders()
            .AddMemoryGrainStorage().AddGrains(typeof(VirtualTimeTests).Assembly).Configure(o => o.CollectionAge = Timeout.InfiniteTimeSpan));
        var byKind = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, silo.Silo.Metrics.Meter) && instrument.Name == "actorcity.timer.firings")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var kind = (string)tags.ToArray().Single(t => t.Key == "timer.kind").Value!;
            lock (byKind)
            {
                byKind[kind] = byKind.GetValueOrDefault(kind) + value;
            }
        });
        listener.Start();
        var key = Guid.NewGuid().ToString("N");
        await silo.GrainFactory.GetGrain<ITimerGrain>(key).Start(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));
        await silo.GrainFactory.GetGrain<IReminderGrain>(key).Register("escalate", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20));
        var callsBefore = silo.Silo.Metrics.CallsCompleted;

        // Timer ticks at 08:05, 08:20, 08:35, 08:50; reminder ticks at 08:10, 08:30, 08:50.
        await clock.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(7, silo.Silo.Metrics.TimerFirings);
        Assert.Equal(4, byKind.GetValueOrDefault("timer"));
        Assert.Equal(3, byKind.GetValueOrDefault("reminder"));
        Assert.Equal(3, silo.Silo.Metrics.CallsCompleted - callsBefore);
        Assert.Equal(["escalate@03-02 08:10", "escalate@03-02 08:30", "escalate@03-02 08:50"], Journal.Of(key));
    }
}
