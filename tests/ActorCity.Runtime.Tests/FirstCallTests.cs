using System.Collections.Concurrent;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCity.Runtime.Tests;

/// <summary>The call that creates an activation activates it on the caller's thread; order and failures stay as before.</summary>
public sealed class FirstCallTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static Task<SiloHost> StartSilo(bool deterministic, Action<IServiceCollection>? services = null) =>
        SiloHost.StartAsync(b =>
        {
            b.AddMemoryGrainStorage().AddGrains(typeof(FirstCallTests).Assembly);
            services?.Invoke(b.Services);
            if (deterministic)
            {
                b.UseVirtualClock(new VirtualTimeProvider(Start)).UseDeterministicScheduler();
            }
        });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_creating_call_runs_before_a_call_the_grain_made_to_itself_while_activating_and_before_later_calls(bool deterministic)
    {
        await using var silo = await StartSilo(deterministic);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IOrderedGrain>(key);

        await grain.Record("first");
        await grain.Record("second");

        Assert.Equal(["activate", "first", "from-activate", "second"], Journal.Of(key));
    }

    [Fact]
    public async Task Calls_made_while_an_asynchronous_activation_waits_run_after_it_in_the_order_made()
    {
        await using var silo = await StartSilo(deterministic: false);
        var key = Guid.NewGuid().ToString("N");
        var gate = GatedActivationGrain.Gate(key);
        var grain = silo.GrainFactory.GetGrain<IGatedActivationGrain>(key);

        var calls = Enumerable.Range(1, 5).Select(i => grain.Record($"call-{i}")).ToArray();
        Assert.All(calls, call => Assert.False(call.IsCompleted));
        gate.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(["activated", "call-1", "call-2", "call-3", "call-4", "call-5"], Journal.Of(key));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_activation_that_fails_after_an_await_fails_the_call_that_created_it_and_the_next_call_activates_again(bool deterministic)
    {
        await using var silo = await StartSilo(deterministic);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IYieldThenFailGrain>(key);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Attempt());

        Assert.Equal("failed after an await", thrown.Message);
        Assert.Equal(2, await grain.Attempt());
    }

    [Fact]
    public async Task A_storage_name_is_resolved_from_the_services_once_for_all_activations()
    {
        var resolutions = 0;
        await using var silo = await StartSilo(deterministic: true, services => services.AddKeyedTransient<IGrainStorage>("counted", (_, _) =>
        {
            Interlocked.Increment(ref resolutions);
            return new MemoryGrainStorage();
        }));

        for (var i = 0; i < 5; i++)
        {
            await silo.GrainFactory.GetGrain<ICountedStorageGrain>($"grain-{i}").Write(i);
        }

        Assert.Equal(1, resolutions);
    }
}

public interface IOrderedGrain : IGrainWithStringKey
{
    Task Record(string entry);
}

/// <summary>Calls itself while activating, without waiting: that call is queued behind the call that activated it.</summary>
public sealed class OrderedGrain : Grain, IOrderedGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        Journal.Add(key, "activate");
        _ = GrainFactory.GetGrain<IOrderedGrain>(key).Record("from-activate");
        return Task.CompletedTask;
    }

    public Task Record(string entry)
    {
        Journal.Add(this.GetPrimaryKeyString(), entry);
        return Task.CompletedTask;
    }
}

public interface IGatedActivationGrain : IGrainWithStringKey
{
    Task Record(string entry);
}

/// <summary>Activation waits until the test opens the grain's gate.</summary>
public sealed class GatedActivationGrain : Grain, IGatedActivationGrain
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_gates = new();

    public static TaskCompletionSource Gate(string key) => s_gates.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        await Gate(key).Task;
        Journal.Add(key, "activated");
    }

    public Task Record(string entry)
    {
        Journal.Add(this.GetPrimaryKeyString(), entry);
        return Task.CompletedTask;
    }
}

public interface IYieldThenFailGrain : IGrainWithStringKey
{
    Task<int> Attempt();
}

/// <summary>The first activation of each key fails after an await; later ones succeed.</summary>
public sealed class YieldThenFailGrain : Grain, IYieldThenFailGrain
{
    private static readonly ConcurrentDictionary<string, int> s_activations = new();

    private int _activation;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activation = s_activations.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        await Task.Yield();
        if (_activation == 1)
        {
            throw new InvalidOperationException("failed after an await");
        }
    }

    public Task<int> Attempt() => Task.FromResult(_activation);
}

public interface ICountedStorageGrain : IGrainWithStringKey
{
    Task Write(int value);
}

public sealed class CountedStorageGrain([PersistentState("value", "counted")] IPersistentState<CountedValue> state) : Grain, ICountedStorageGrain
{
    public Task Write(int value)
    {
        state.State = new CountedValue(value);
        return state.WriteStateAsync();
    }
}

public sealed record CountedValue(int Value)
{
    public CountedValue() : this(0)
    {
    }
}
