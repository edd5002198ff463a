using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Time;

namespace ActorCity.Runtime.Tests;

/// <summary>The shortcuts the runtime takes to keep per-call and per-activation costs down, and that they change nothing visible.</summary>
public sealed class RuntimeCostTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static Task<SiloHost> StartDeterministicSilo(VirtualTimeProvider clock) =>
        SiloHost.StartAsync(b => b
            .UseVirtualClock(clock)
            .UseDeterministicScheduler()
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
}
