using ActorCity.Runtime.Diagnostics;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Invocation;
using ActorCity.Runtime.Messaging;
using ActorCity.Runtime.Time;

namespace ActorCity.Runtime.Reminders;

/// <summary>
/// Keeps every stored reminder armed on the grain clock and delivers each tick as an
/// <see cref="IRemindable.ReceiveReminder"/> call. Ticks fall at StartAt + k × Period; on start the service loads
/// the table, so reminders registered before a restart fire after it (a tick missed while down fires once, at once).
/// </summary>
internal sealed partial class ReminderService(SiloRuntime runtime, IReminderTable table)
{
    // The armed reminders by grain and name. A handle keeps its key, hash included, so that an unregister hashes no
    // string, and an update through the handle the grain holds needs no lookup at all.
    private readonly ShardedMap<ReminderKey, ReminderHandle> _armed = new();
    // The in-memory table completes at once: calling it directly spares a task, a row copy and an ETag string per
    // operation, and the handle keeps the table's row so that an update or removal needs no second lookup.
    private readonly InMemoryReminderTable? _memoryTable = table as InMemoryReminderTable;

    private TimeProvider Clock => runtime.GrainClock;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await table.InitAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.ReadAllRowsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var handle = Arm(Acquire(null, row.GrainId, row.ReminderName), row.StartAt, row.Period);
            handle.SetETag(row.ETag);
        }

        runtime.Log.RemindersLoaded(rows.Count);
    }

    public void Stop()
    {
        _armed.Clear(static handle => handle.Disarm());
    }

    /// <summary>
    /// Stores and arms the reminder. <paramref name="known"/> is a handle the caller got earlier, the activation's last
    /// one: while it is still armed for this grain and name, the update goes through it without a lookup.
    /// </summary>
    public Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period, IGrainReminder? known = null)
    {
        if (Validate(reminderName, dueTime, period) is { } invalid)
        {
            return Task.FromException<IGrainReminder>(invalid);
        }

        var startAt = runtime.GrainClock.GetUtcNow() + dueTime;
        if (_memoryTable is { } memory)
        {
            var handle = Acquire(known, grainId, reminderName);
            var row = handle.Row;
            var version = memory.Upsert(ref row, grainId, reminderName, startAt, period);
            handle = Arm(handle, startAt, period);
            handle.SetRow(row, version);
            return handle.Completed;
        }

        return UpsertAsync(grainId, reminderName, startAt, period);
    }

    private async Task<IGrainReminder> UpsertAsync(GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period)
    {
        var etag = await table.UpsertRowAsync(new ReminderEntry(grainId, reminderName, startAt, period)).ConfigureAwait(true);
        var handle = Arm(Acquire(null, grainId, reminderName), startAt, period);
        handle.SetETag(etag);
        return handle;
    }

    private static Exception? Validate(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (string.IsNullOrWhiteSpace(reminderName))
        {
            return reminderName is null ? new ArgumentNullException(nameof(reminderName)) : new ArgumentException("The reminder name cannot be empty.", nameof(reminderName));
        }

        if (dueTime < TimeSpan.Zero)
        {
            return new ArgumentOutOfRangeException(nameof(dueTime), dueTime, $"Reminder '{reminderName}': the due time cannot be negative.");
        }

        if (period <= TimeSpan.Zero)
        {
            return new ArgumentOutOfRangeException(nameof(period), period, $"Reminder '{reminderName}': the period must be positive (reminders are periodic; unregister after the first tick for a one-shot).");
        }

        return null;
    }

    public Task UnregisterAsync(GrainId grainId, IGrainReminder reminder)
    {
        if (reminder is not ReminderHandle handle)
        {
            return UnregisterForeignAsync(grainId, reminder);
        }

        var armed = Disarm(handle.GrainId == grainId ? handle.Key : new ReminderKey(grainId, handle.ReminderName)) ?? handle;
        if (_memoryTable is { } memory && armed.Row is { } row)
        {
            memory.Remove(row, armed.Version);
            return Task.CompletedTask;
        }

        if (armed.ETag is not { } etag)
        {
            return Task.CompletedTask;
        }

        if (_memoryTable is { } byETag)
        {
            byETag.Remove(grainId, reminder.ReminderName, etag);
            return Task.CompletedTask;
        }

        return table.RemoveRowAsync(grainId, reminder.ReminderName, etag);
    }

    /// <summary>A handle this service did not make: its ETag comes from the table.</summary>
    private async Task UnregisterForeignAsync(GrainId grainId, IGrainReminder reminder)
    {
        var etag = (await table.ReadRowAsync(grainId, reminder.ReminderName).ConfigureAwait(true))?.ETag;
        etag = Disarm(new ReminderKey(grainId, reminder.ReminderName))?.ETag ?? etag;
        if (etag is not null)
        {
            await table.RemoveRowAsync(grainId, reminder.ReminderName, etag).ConfigureAwait(true);
        }
    }

    /// <summary>Stops the armed reminder of <paramref name="key"/>, if any; returns its handle, which holds the version it was armed with.</summary>
    private ReminderHandle? Disarm(ReminderKey key)
    {
        if (!_armed.Remove(key, out var handle))
        {
            return null;
        }

        handle.Disarm();
        return handle;
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName)
    {
        var row = await table.ReadRowAsync(grainId, reminderName).ConfigureAwait(true);
        return row is null ? null : new ReminderHandle(this, new ReminderKey(grainId, row.ReminderName), row.ETag);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId)
    {
        var rows = await table.ReadRowsAsync(grainId).ConfigureAwait(true);
        return [.. rows.Select(r => new ReminderHandle(this, new ReminderKey(grainId, r.ReminderName), r.ETag))];
    }

    /// <summary>
    /// The handle armed for the grain and name: <paramref name="known"/> when it still is (no lookup), else the one
    /// in the map, else a new one added to it. An update of an armed reminder thus keeps the grain's handle.
    /// </summary>
    private ReminderHandle Acquire(IGrainReminder? known, GrainId grainId, string reminderName)
    {
        if (known is ReminderHandle { IsArmed: true } handle && handle.Service == this && handle.GrainId == grainId && handle.ReminderName == reminderName)
        {
            return handle;
        }

        return _armed.GetOrAdd(new ReminderKey(grainId, reminderName), static (key, service) => new ReminderHandle(service, key, null), this);
    }

    /// <summary>
    /// Arms <paramref name="handle"/>, or re-arms it in place for an update. Should an unregister of the same reminder
    /// from outside the grain's turns have disarmed it since it was acquired, this registration arms a new handle:
    /// the last word is the registration's, as it would be had the unregister come first. Returns the handle armed; the
    /// caller then records the stored version on it.
    /// </summary>
    private ReminderHandle Arm(ReminderHandle handle, DateTimeOffset startAt, TimeSpan period)
    {
        while (!handle.Arm(startAt, period))
        {
            handle = Acquire(null, handle.GrainId, handle.ReminderName);
        }

        return handle;
    }

    private void Deliver(ReminderHandle handle, DateTimeOffset startAt, TimeSpan period, DateTimeOffset tickTime)
    {
        // The reference the activation shares, which knows its activation, when there is one; else one for this tick.
        // Not kept on the handle: most reminders tick once or twice, and a kept reference would live as long as the reminder.
        var target = runtime.Catalog.FindWithoutLock(handle.GrainId)?.SharedReference ?? new SystemGrainReference(runtime.Invoker, handle.GrainId);
        var status = new TickStatus(startAt, period, tickTime);
        runtime.Metrics.RecordTimerFiring(TimerKind.Reminder);
        var call = runtime.Invoker.InvokeAsync(target, new ReceiveReminderRequest(handle.ReminderName, status));
        if (!call.IsCompleted)
        {
            _ = ObserveAsync(call, handle);
        }
        else if (call.IsFaulted)
        {
            runtime.Log.ReminderFailed(call.Exception!.GetBaseException(), handle.GrainId, handle.ReminderName);
        }
    }

    private async Task ObserveAsync(Task call, ReminderHandle handle)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            runtime.Log.ReminderFailed(exception, handle.GrainId, handle.ReminderName);
        }
    }

    /// <summary>The runtime's own request for <see cref="IRemindable.ReceiveReminder"/>.</summary>
    private sealed class ReceiveReminderRequest(string reminderName, TickStatus status) : GrainVoidRequest
    {
        private static readonly GrainMethodDescriptor s_descriptor = new(typeof(IRemindable), nameof(IRemindable.ReceiveReminder), GrainMethodOptions.None);

        public override GrainMethodDescriptor Descriptor => s_descriptor;

        public override Task Invoke(object grain) => ((IRemindable)grain).ReceiveReminder(reminderName, status);
    }
}
