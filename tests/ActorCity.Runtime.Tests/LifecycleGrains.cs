using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using ActorCity.Runtime.Concurrency;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Timers;

namespace ActorCity.Runtime.Tests;

/// <summary>What test grains report about their lifecycle, by grain key.</summary>
public static class Journal
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> s_entries = new();

    public static void Add(string key, string entry) => s_entries.GetOrAdd(key, _ => new()).Enqueue(entry);

    public static IReadOnlyList<string> Of(string key) => s_entries.TryGetValue(key, out var q) ? [.. q] : [];
}

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task Ping();

    Task Deactivate();
}

public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Journal.Add(this.GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Journal.Add(this.GetPrimaryKeyString(), $"deactivate:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task Ping() => Task.CompletedTask;

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

[Immutable]
public sealed record Ledger(ImmutableArray<string> Entries)
{
    public Ledger() : this(ImmutableArray<string>.Empty)
    {
    }
}

public interface ILedgerGrain : IGrainWithStringKey
{
    Task Append(string entry);

    Task<ImmutableArray<string>> Entries();

    Task<string?> ETag();

    Task Deactivate();
}

public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<Ledger> ledger) : Grain, ILedgerGrain
{
    public async Task Append(string entry)
    {
        ledger.State = ledger.State with { Entries = ledger.State.Entries.Add(entry) };
        await ledger.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> Entries() => Task.FromResult(ledger.State.Entries);

    public Task<string?> ETag() => Task.FromResult(ledger.Etag);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan dueTime, TimeSpan period);

    Task StartOneShot(string name, TimeSpan dueTime);

    Task<ImmutableArray<DateTimeOffset>> Ticks();
}

public sealed class TimerGrain : Grain, ITimerGrain
{
    private ImmutableArray<DateTimeOffset> _ticks = [];

    public Task Start(TimeSpan dueTime, TimeSpan period)
    {
        RegisterGrainTimer(_ =>
        {
            _ticks = _ticks.Add(GrainContext.TimeProvider.GetUtcNow());
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(dueTime, period) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task StartOneShot(string name, TimeSpan dueTime)
    {
        RegisterGrainTimer(_ =>
        {
            Journal.Add(this.GetPrimaryKeyString(), $"{name}@{GrainContext.TimeProvider.GetLocalNow():HH:mm}");
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<DateTimeOffset>> Ticks() => Task.FromResult(_ticks);
}

public interface IReminderGrain : IGrainWithStringKey, IRemindable
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task Unregister(string name);
}

public sealed class ReminderGrain : Grain, IReminderGrain
{
    public async Task Register(string name, TimeSpan dueTime, TimeSpan period) =>
        await RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name)
    {
        var reminder = await GetReminder(name);
        if (reminder is not null)
        {
            await UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Journal.Add(this.GetPrimaryKeyString(), $"{reminderName}@{status.CurrentTickTime.ToOffset(TimeSpan.FromHours(8)):MM-dd HH:mm}");
        return Task.CompletedTask;
    }
}

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<int> Work(string gate);
}

[StatelessWorker(2)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private static int s_constructed;

    public static int Constructed => Volatile.Read(ref s_constructed);

    public WorkerGrain() => Interlocked.Increment(ref s_constructed);

    public async Task<int> Work(string gate)
    {
        Gates.Entered(gate);
        await Gates.Get(gate).Task;
        return RuntimeHelpers.GetHashCode(this);
    }
}

public interface IFlakyActivationGrain : IGrainWithStringKey
{
    Task<int> Attempt();
}

/// <summary>Fails its first activation (per key), then activates normally.</summary>
public sealed class FlakyActivationGrain : Grain, IFlakyActivationGrain
{
    private static readonly ConcurrentDictionary<string, int> s_attempts = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var attempt = s_attempts.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return attempt == 1 ? throw new InvalidOperationException("registry unavailable on first activation") : Task.CompletedTask;
    }

    public Task<int> Attempt() => Task.FromResult(s_attempts[this.GetPrimaryKeyString()]);
}

public interface IRefusingGrain : IGrainWithStringKey
{
    /// <summary>How many activations of this grain had started when this one served the call.</summary>
    Task<int> Serve();
}

/// <summary>
/// Calls DeactivateOnIdle from OnActivateAsync for its first <c>refusals</c> activations (the number after the last '-' in
/// its key; "always" refuses every time), journaling each activation and deactivation.
/// </summary>
public sealed class RefusingGrain : Grain, IRefusingGrain
{
    private static readonly ConcurrentDictionary<string, int> s_activations = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var activation = s_activations.AddOrUpdate(key, 1, (_, n) => n + 1);
        var refusals = key.EndsWith("-always", StringComparison.Ordinal) ? int.MaxValue : int.Parse(key[(key.LastIndexOf('-') + 1)..]);
        Journal.Add(key, $"activate {activation}");
        if (activation <= refusals)
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Journal.Add(this.GetPrimaryKeyString(), $"deactivate:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<int> Serve()
    {
        var key = this.GetPrimaryKeyString();
        Journal.Add(key, "serve");
        return Task.FromResult(s_activations[key]);
    }
}
