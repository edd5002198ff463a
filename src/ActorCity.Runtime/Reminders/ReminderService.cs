using System.Collections.Concurrent;
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
internal sealed class ReminderService(SiloRuntime runtime, IReminderTable table)
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), LocalReminder> _local = new();
    // The in-memory table completes at once: calling it directly spares a task, a row copy and an ETag string per
    // operation, and the handle keeps the table's row so that an update or removal needs no second lookup.
    private readonly InMemoryReminderTable? _memoryTable = table as InMemoryReminderTable;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await table.InitAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.ReadAllRowsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            _local.TryGetValue((row.GrainId, row.ReminderName), out var previous);
            Arm(previous, row.GrainId, row.ReminderName, row.StartAt, row.Period).SetETag(row.ETag);
        }

        runtime.Log.RemindersLoaded(rows.Count);
    }

    public void Stop()
    {
        foreach (var reminder in _local.Values)
        {
            reminder.Dispose();
        }

        _local.Clear();
    }

    public Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (Validate(reminderName, dueTime, period) is { } invalid)
        {
            return Task.FromException<IGrainReminder>(invalid);
        }

        var startAt = runtime.GrainClock.GetUtcNow() + dueTime;
        if (_memoryTable is { } memory)
        {
            _local.TryGetValue((grainId, reminderName), out var previous);
            var row = previous?.Handle.Row;
            var version = memory.Upsert(ref row, grainId, reminderName, startAt, period);
            var handle = Arm(previous, grainId, reminderName, startAt, period);
            handle.SetRow(row, version);
            return handle.Completed;
        }

        return UpsertAsync(grainId, reminderName, startAt, period);
    }

    private async Task<IGrainReminder> UpsertAsync(GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period)
    {
        var etag = await table.UpsertRowAsync(new ReminderEntry(grainId, reminderName, startAt, period)).ConfigureAwait(true);
        _local.TryGetValue((grainId, reminderName), out var previous);
        var handle = Arm(previous, grainId, reminderName, startAt, period);
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

        var armed = Disarm(grainId, reminder.ReminderName) ?? handle;
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
        etag = Disarm(grainId, reminder.ReminderName)?.ETag ?? etag;
        if (etag is not null)
        {
            await table.RemoveRowAsync(grainId, reminder.ReminderName, etag).ConfigureAwait(true);
        }
    }

    /// <summary>Stops the local reminder, if armed; returns its handle, which holds the version it was armed with.</summary>
    private ReminderHandle? Disarm(GrainId grainId, string reminderName)
    {
        if (!_local.TryRemove((grainId, reminderName), out var local))
        {
            return null;
        }

        local.Dispose();
        return local.Handle;
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName)
    {
        var row = await table.ReadRowAsync(grainId, reminderName).ConfigureAwait(true);
        return row is null ? null : new ReminderHandle(grainId, row.ReminderName, row.ETag);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId)
    {
        var rows = await table.ReadRowsAsync(grainId).ConfigureAwait(true);
        return [.. rows.Select(r => new ReminderHandle(grainId, r.ReminderName, r.ETag))];
    }

    /// <summary>
    /// Arms the reminder; an update of the <paramref name="previous"/> armed one keeps the grain's handle and, on the
    /// virtual clock, the timer too. The caller then records the stored version on the handle.
    /// </summary>
    private ReminderHandle Arm(LocalReminder? previous, GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period)
    {
        ReminderHandle handle;
        if (previous is not null)
        {
            handle = previous.Handle;
            if (previous.TryRearm(startAt, period))
            {
                return handle;
            }

            previous.Dispose();
        }
        else
        {
            handle = new ReminderHandle(grainId, reminderName, null);
        }

        var local = new LocalReminder(this, handle, runtime.GrainClock);
        _local[(grainId, reminderName)] = local;
        local.Arm(startAt, period);
        return handle;
    }

    private void Deliver(LocalReminder reminder, DateTimeOffset startAt, TimeSpan period, DateTimeOffset tickTime)
    {
        var handle = reminder.Handle;
        var target = handle.Target ??= new SystemGrainReference(runtime.Invoker, handle.GrainId);
        var status = new TickStatus(startAt, period, tickTime);
        var call = target.InvokeAsync(new ReceiveReminderRequest(handle.ReminderName, status));
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

    /// <summary>
    /// What a grain holds for a reminder. The service hands back the same handle on every update of an armed reminder,
    /// carrying the newest version, so an update allocates neither a handle nor a task; it also keeps the reference that
    /// ticks are sent through, so that reference's cached activation serves every tick. The version is an ETag string
    /// from the table, or for the in-memory table its row and version number, formatted only if asked for.
    /// </summary>
    private sealed class ReminderHandle(GrainId grainId, string reminderName, string? etag) : IGrainReminder
    {
        // Set and read only in the owning grain's turns (register, update, unregister) and at start, before any turn.
        private string? _etag = etag;
        private Task<IGrainReminder>? _completed;

        public GrainId GrainId { get; } = grainId;

        public string ReminderName { get; } = reminderName;

        public string? ETag => _etag ?? (Row is null ? null : InMemoryReminderTable.ETagOf(Version));

        public InMemoryReminderTable.Row? Row { get; private set; }

        public long Version { get; private set; }

        public void SetETag(string? etag)
        {
            _etag = etag;
            Row = null;
            Version = 0;
        }

        public void SetRow(InMemoryReminderTable.Row row, long version)
        {
            _etag = null;
            Row = row;
            Version = version;
        }

        public SystemGrainReference? Target { get; set; }

        public Task<IGrainReminder> Completed => _completed ??= Task.FromResult<IGrainReminder>(this);

        public override string ToString() => $"Reminder '{ReminderName}' of {GrainId}";
    }

    /// <summary>
    /// One armed reminder: a one-shot timer re-armed for the next StartAt + k × Period after each tick. On the virtual
    /// clock an update re-arms the same timer, since changing a virtual timer also drops a tick already due; a system
    /// timer may still deliver a tick it has dispatched, so there each arming gets its own reminder and timer.
    /// </summary>
    private sealed class LocalReminder(ReminderService service, ReminderHandle handle, TimeProvider clock) : IDisposable
    {
        private readonly Lock _lock = new();
        private ITimer? _timer;
        private DateTimeOffset _startAt;
        private TimeSpan _period;
        private DateTimeOffset _nextTick;
        private bool _disposed;

        public ReminderHandle Handle { get; } = handle;

        /// <summary>Sets the schedule and arms the timer for its next tick; false once disposed.</summary>
        public bool Arm(DateTimeOffset startAt, TimeSpan period)
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return false;
                }

                _startAt = startAt;
                _period = period;
                var now = clock.GetUtcNow();
                if (startAt >= now)
                {
                    _nextTick = startAt;
                }
                else
                {
                    // Ticks missed while no silo ran fire once, now; the schedule then continues at StartAt + k × Period.
                    var upcoming = startAt + (period * Math.Ceiling((now - startAt) / period));
                    _nextTick = upcoming == now ? now : upcoming - period;
                }

                var delay = _nextTick - now;
                if (delay < TimeSpan.Zero)
                {
                    delay = TimeSpan.Zero;
                }

                if (_timer is null)
                {
                    _timer = clock.CreateTimer(static s => ((LocalReminder)s!).Fire(), this, delay, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    _timer.Change(delay, Timeout.InfiniteTimeSpan);
                }

                return true;
            }
        }

        /// <summary>Re-arms in place for an update; false when the clock cannot guarantee the old schedule's tick is dropped.</summary>
        public bool TryRearm(DateTimeOffset startAt, TimeSpan period) => clock is VirtualTimeProvider && Arm(startAt, period);

        private void Fire()
        {
            DateTimeOffset tickTime, startAt;
            TimeSpan period;
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                tickTime = clock.GetUtcNow();
                startAt = _startAt;
                period = _period;
                _nextTick += period;
                var delay = _nextTick - tickTime;
                _timer?.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
            }

            service.Deliver(this, startAt, period, tickTime);
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
            }

            _timer?.Dispose();
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
