using System.Collections.Concurrent;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Time;

namespace ActorCity.Runtime.Tests;

/// <summary>
/// Races around the caller-thread paths: activation by the creating call, the lock-free inline turn, and the silo
/// stop that retires idle activations on the stopping thread.
/// </summary>
public sealed class InlineTurnTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static Task<SiloHost> StartSilo(bool deterministic) =>
        SiloHost.StartAsync(b =>
        {
            b.AddMemoryGrainStorage().AddGrains(typeof(InlineTurnTests).Assembly);
            if (deterministic)
            {
                b.UseVirtualClock(new VirtualTimeProvider(Start)).UseDeterministicScheduler();
            }
        });

    [Fact]
    public async Task First_calls_racing_on_the_thread_pool_activate_each_grain_once_and_all_complete()
    {
        await using var silo = await StartSilo(deterministic: false);
        const int Grains = 200;
        const int CallersPerGrain = 4;
        var keys = Enumerable.Range(0, Grains).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = keys.SelectMany(key => Enumerable.Range(0, CallersPerGrain).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await silo.GrainFactory.GetGrain<ICountingGrain>(key).Next();
        }))).ToArray();
        go.SetResult();
        await Task.WhenAll(calls);

        Assert.All(keys, key => Assert.Equal(1, CountingGrain.Activations(key)));
        foreach (var key in keys)
        {
            Assert.Equal(CallersPerGrain + 1, await silo.GrainFactory.GetGrain<ICountingGrain>(key).Next());
        }
    }

    [Fact]
    public async Task Calls_made_while_the_creating_call_activates_the_grain_on_its_thread_wait_and_run_after_it_in_order()
    {
        await using var silo = await StartSilo(deterministic: false);
        var key = Guid.NewGuid().ToString("N");
        var (entered, release) = BlockingActivationGrain.Gates(key);
        var grain = silo.GrainFactory.GetGrain<IBlockingActivationGrain>(key);

        var first = Task.Run(() => grain.Record("first"));
        entered.Wait();
        var later = Enumerable.Range(1, 3).Select(i => grain.Record($"call-{i}")).ToArray();
        Assert.All(later, call => Assert.False(call.IsCompleted));
        Assert.False(first.IsCompleted);
        release.Set();
        await first;
        await Task.WhenAll(later);

        Assert.Equal(["activated", "first", "call-1", "call-2", "call-3"], Journal.Of(key));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_activation_that_throws_synchronously_fails_its_creating_call_and_the_next_call_activates_again(bool deterministic)
    {
        await using var silo = await StartSilo(deterministic);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IThrowOnceGrain>(key);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Attempt());

        Assert.Equal("first activation fails", thrown.Message);
        Assert.Equal(2, await grain.Attempt());
        Assert.Equal(1, silo.Silo.ActivationCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_grain_activated_inside_another_grains_turn_queues_its_call_back_until_that_turn_ends(bool deterministic)
    {
        await using var silo = await StartSilo(deterministic);
        var key = Guid.NewGuid().ToString("N");

        await silo.GrainFactory.GetGrain<ICallerGrain>(key).CallNewCallee();
        // The second time the callee is live and the caller's reference knows it: the proxy calls it directly.
        await silo.GrainFactory.GetGrain<ICallerGrain>(key).CallNewCallee();
        await silo.GrainFactory.GetGrain<ICallerGrain>(key).Mark("after");

        Assert.Equal(
            [
                "caller:begin", "callee:activate", "callee:call", "caller:end", "caller:from-callee",
                "caller:begin", "callee:call", "caller:end", "caller:after",
            ],
            Journal.Of(key));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Calls_through_a_reference_that_knows_its_activation_complete_fail_and_wait_their_turn_as_requests_did(bool deterministic)
    {
        // The proxy calls the grain directly (entering a deterministic silo's run loop first); the waiting call is queued.
        await using var silo = await StartSilo(deterministic);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IInlineProbeGrain>(key);
        Assert.Equal(1, await grain.Echo(1));
        var calls = new List<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, silo.Silo.Metrics.Meter) && instrument.Name == "actorcity.grain.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grain.method")
                {
                    lock (calls)
                    {
                        calls.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();

        Assert.Equal(2, await grain.Echo(2));
        Assert.Equal("no", (await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("no"))).Message);
        var waiting = grain.WaitThenRecord("waited");
        var queued = grain.Record("queued");
        Assert.False(waiting.IsCompleted);
        Assert.False(queued.IsCompleted);
        InlineProbeGrain.Open(key);
        await waiting;
        await queued;

        Assert.Equal(["waited", "queued"], Journal.Of(key));
        Assert.Equal(["Echo", "Record", "Throw", "WaitThenRecord"], calls.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_inline_call_from_outside_a_deterministic_silo_returns_only_after_the_work_it_caused_has_run()
    {
        await using var silo = await StartSilo(deterministic: true);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IInlineProbeGrain>(key);
        await grain.Echo(1);

        await grain.Kick();

        Assert.Equal(["kicked", "later"], Journal.Of(key));
    }

    [Fact]
    public async Task Concurrent_callers_on_the_thread_pool_never_run_two_turns_of_a_non_reentrant_grain_at_once()
    {
        await using var silo = await StartSilo(deterministic: false);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<ISingleTurnGrain>(key);
        await grain.Enter(false);

        // Half the calls finish inline, half yield and finish on a queued turn: both paths race for the worker.
        var calls = Enumerable.Range(0, 4000).Select(i => Task.Run(() => grain.Enter(i % 2 == 0))).ToArray();
        await Task.WhenAll(calls);

        Assert.Equal(4001, await grain.Count());
        Assert.Equal(1, SingleTurnGrain.MaxConcurrent(key));
    }

    [Fact]
    public async Task At_a_deterministic_stop_OnDeactivateAsync_runs_first_and_still_reaches_the_live_activations_of_grains_without_it()
    {
        var silo = await StartSilo(deterministic: true);
        var key = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 20; i++)
        {
            await silo.GrainFactory.GetGrain<ICountingGrain>($"{key}-{i}").Next();
        }

        await silo.GrainFactory.GetGrain<IFarewellGrain>(key).Greet($"{key}-7");

        await silo.DisposeAsync();

        Assert.Equal(0, silo.Silo.ActivationCount);
        Assert.Equal(["farewell:2"], Journal.Of(key));
        Assert.Equal(1, CountingGrain.Activations($"{key}-7"));
    }

    [Fact]
    public async Task At_stop_a_grain_busy_in_a_call_deactivates_when_the_call_finishes()
    {
        var silo = await StartSilo(deterministic: false);
        var key = Guid.NewGuid().ToString("N");
        var (entered, release) = BlockingActivationGrain.Gates(key);
        release.Set();
        var busy = silo.GrainFactory.GetGrain<IBlockingActivationGrain>(key).Hold();
        entered.Wait();

        var stop = silo.DisposeAsync().AsTask();
        Assert.False(stop.IsCompleted);
        BlockingActivationGrain.HoldGate(key).SetResult();
        await busy;
        await stop;

        Assert.Equal(0, silo.Silo.ActivationCount);
    }
}

public interface ICountingGrain : IGrainWithStringKey
{
    Task<int> Next();
}

public sealed class CountingGrain : Grain, ICountingGrain
{
    private static readonly ConcurrentDictionary<string, int> s_activations = new();
    private int _calls;

    public static int Activations(string key) => s_activations.GetValueOrDefault(key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        s_activations.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task<int> Next() => Task.FromResult(++_calls);
}

public interface IBlockingActivationGrain : IGrainWithStringKey
{
    Task Record(string entry);

    Task Hold();
}

/// <summary>Activation blocks its thread until the test releases it; Hold waits asynchronously for the test.</summary>
public sealed class BlockingActivationGrain : Grain, IBlockingActivationGrain
{
    private static readonly ConcurrentDictionary<string, (ManualResetEventSlim Entered, ManualResetEventSlim Release)> s_gates = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_holds = new();

    public static (ManualResetEventSlim Entered, ManualResetEventSlim Release) Gates(string key) => s_gates.GetOrAdd(key, _ => (new(), new()));

    public static TaskCompletionSource HoldGate(string key) => s_holds.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var (entered, release) = Gates(key);
        entered.Set();
        release.Wait(cancellationToken);
        Journal.Add(key, "activated");
        return Task.CompletedTask;
    }

    public Task Record(string entry)
    {
        Journal.Add(this.GetPrimaryKeyString(), entry);
        return Task.CompletedTask;
    }

    public Task Hold() => HoldGate(this.GetPrimaryKeyString()).Task;
}

public interface IThrowOnceGrain : IGrainWithStringKey
{
    Task<int> Attempt();
}

/// <summary>The first activation of each key throws before any await; later ones succeed.</summary>
public sealed class ThrowOnceGrain : Grain, IThrowOnceGrain
{
    private static readonly ConcurrentDictionary<string, int> s_activations = new();
    private int _activation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activation = s_activations.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return _activation == 1 ? throw new InvalidOperationException("first activation fails") : Task.CompletedTask;
    }

    public Task<int> Attempt() => Task.FromResult(_activation);
}

public interface ICallerGrain : IGrainWithStringKey
{
    Task CallNewCallee();

    Task Mark(string entry);
}

public sealed class CallerGrain : Grain, ICallerGrain
{
    public async Task CallNewCallee()
    {
        var key = this.GetPrimaryKeyString();
        Journal.Add(key, "caller:begin");
        await GrainFactory.GetGrain<ICalleeGrain>(key).Call();
        Journal.Add(key, "caller:end");
    }

    public Task Mark(string entry)
    {
        Journal.Add(this.GetPrimaryKeyString(), $"caller:{entry}");
        return Task.CompletedTask;
    }
}

public interface ICalleeGrain : IGrainWithStringKey
{
    Task Call();
}

/// <summary>Calls back its caller while activating, without waiting: the caller is busy, so the call is queued.</summary>
public sealed class CalleeGrain : Grain, ICalleeGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        Journal.Add(key, "callee:activate");
        _ = GrainFactory.GetGrain<ICallerGrain>(key).Mark("from-callee");
        return Task.CompletedTask;
    }

    public Task Call()
    {
        Journal.Add(this.GetPrimaryKeyString(), "callee:call");
        return Task.CompletedTask;
    }
}

public interface ISingleTurnGrain : IGrainWithStringKey
{
    Task Enter(bool yield);

    Task<int> Count();
}

/// <summary>Records how many of its turns ever overlapped (1 when turns are single-threaded).</summary>
public sealed class SingleTurnGrain : Grain, ISingleTurnGrain
{
    private static readonly ConcurrentDictionary<string, int> s_maxConcurrent = new();
    private int _inside;
    private int _count;

    public static int MaxConcurrent(string key) => s_maxConcurrent.GetValueOrDefault(key);

    public async Task Enter(bool yield)
    {
        var inside = Interlocked.Increment(ref _inside);
        s_maxConcurrent.AddOrUpdate(this.GetPrimaryKeyString(), inside, (_, n) => Math.Max(n, inside));
        if (yield)
        {
            await Task.Yield();
        }

        _count++;
        Interlocked.Decrement(ref _inside);
    }

    public Task<int> Count() => Task.FromResult(_count);
}

public interface IFarewellGrain : IGrainWithStringKey
{
    Task Greet(string friend);
}

/// <summary>On deactivation, calls a grain without OnDeactivateAsync that the stop also deactivates.</summary>
public sealed class FarewellGrain : Grain, IFarewellGrain
{
    private string? _friend;

    public Task Greet(string friend)
    {
        _friend = friend;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var calls = await GrainFactory.GetGrain<ICountingGrain>(_friend!).Next();
        Journal.Add(this.GetPrimaryKeyString(), $"farewell:{calls}");
    }
}

public interface IInlineProbeGrain : IGrainWithStringKey
{
    Task<int> Echo(int value);

    Task<int> Throw(string message);

    Task WaitThenRecord(string entry);

    Task Record(string entry);

    Task Kick();
}

public sealed class InlineProbeGrain : Grain, IInlineProbeGrain
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_gates = new();

    public static void Open(string key) => Gate(key).SetResult();

    private static TaskCompletionSource Gate(string key) => s_gates.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public Task<int> Echo(int value) => Task.FromResult(value);

    public Task<int> Throw(string message) => throw new InvalidOperationException(message);

    /// <summary>Starts work that continues after the call returns (a continuation posted to the activation).</summary>
    public Task Kick()
    {
        Journal.Add(this.GetPrimaryKeyString(), "kicked");
        _ = LaterAsync();
        return Task.CompletedTask;
    }

    private async Task LaterAsync()
    {
        await Task.Yield();
        Journal.Add(this.GetPrimaryKeyString(), "later");
    }

    public async Task WaitThenRecord(string entry)
    {
        var key = this.GetPrimaryKeyString();
        await Gate(key).Task;
        Journal.Add(key, entry);
    }

    public Task Record(string entry)
    {
        Journal.Add(this.GetPrimaryKeyString(), entry);
        return Task.CompletedTask;
    }
}
