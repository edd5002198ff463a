using System.Collections.Concurrent;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Invocation;
using ActorCity.Runtime.Messaging;

namespace ActorCity.Runtime.Reminders;

/// <summary>
/// Keeps every stored reminder armed on the grain clock and delivers each tick as an
/// <see cref="IRemindable.ReceiveReminder"/> call. Ticks fall at StartAt + k × Period; on start the service loads
/// the table, so reminders registered before a restart fire after it (a tick missed while down fires once, at once).
/// </summary>
internal sealed class ReminderService(SiloRuntime runtime, IReminderTable table)
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), LocalReminder> _local = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await table.InitAsync(cancellationToken).ConfigureAwait(false);
        var rows = await table.ReadAllRowsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            Arm(row);
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

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, $"Reminder '{reminderName}': the due time cannot be negative.");
        }

        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"Reminder '{reminderName}': the period must be positive (reminders are periodic; unregister after the first tick for a one-shot).");
        }

        var entry = new ReminderEntry(grainId, reminderName, runtime.GrainClock.GetUtcNow() + dueTime, period);
        var etag = await table.UpsertRowAsync(entry).ConfigureAwait(true);
        entry = entry with { ETag = etag };
        Arm(entry);
        return new GrainReminder(reminderName, etag);
    }

    public async Task UnregisterAsync(GrainId grainId, IGrainReminder reminder)
    {
        var etag = (reminder as GrainReminder)?.ETag
            ?? (await table.ReadRowAsync(grainId, reminder.ReminderName).ConfigureAwait(true))?.ETag;
        if (_local.TryRemove((grainId, reminder.ReminderName), out var local))
        {
            local.Dispose();
            etag = local.Entry.ETag ?? etag;
        }

        if (etag is not null)
        {
            await table.RemoveRowAsync(grainId, reminder.ReminderName, etag).ConfigureAwait(true);
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName)
    {
        var row = await table.ReadRowAsync(grainId, reminderName).ConfigureAwait(true);
        return row is null ? null : new GrainReminder(row.ReminderName, row.ETag);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId)
    {
        var rows = await table.ReadRowsAsync(grainId).ConfigureAwait(true);
        return [.. rows.Select(r => new GrainReminder(r.ReminderName, r.ETag))];
    }

    private void Arm(ReminderEntry entry)
    {
        var local = new LocalReminder(this, entry);
        if (_local.TryGetValue((entry.GrainId, entry.ReminderName), out var previous))
        {
            previous.Dispose();
        }

        _local[(entry.GrainId, entry.ReminderName)] = local;
        local.Start(runtime.GrainClock);
    }

    private void Deliver(LocalReminder reminder, DateTimeOffset tickTime)
    {
        var entry = reminder.Entry;
        var target = new SystemGrainReference(runtime.Invoker, entry.GrainId);
        var status = new TickStatus(entry.StartAt, entry.Period, tickTime);
        var call = target.InvokeAsync(new ReceiveReminderRequest(entry.ReminderName, status));
        if (!call.IsCompleted)
        {
            _ = ObserveAsync(call, entry);
        }
        else if (call.IsFaulted)
        {
            runtime.Log.ReminderFailed(call.Exception!.GetBaseException(), entry.GrainId, entry.ReminderName);
        }
    }

    private async Task ObserveAsync(Task call, ReminderEntry entry)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            runtime.Log.ReminderFailed(exception, entry.GrainId, entry.ReminderName);
        }
    }

    private sealed record GrainReminder(string ReminderName, string? ETag) : IGrainReminder;

    /// <summary>One armed reminder: a one-shot timer re-armed for the next StartAt + k × Period after each tick.</summary>
    private sealed class LocalReminder(ReminderService service, ReminderEntry entry) : IDisposable
    {
        private ITimer? _timer;
        private TimeProvider? _clock;
        private DateTimeOffset _nextTick;

        public ReminderEntry Entry { get; } = entry;

        public void Start(TimeProvider clock)
        {
            _clock = clock;
            var now = clock.GetUtcNow();
            if (Entry.StartAt >= now)
            {
                _nextTick = Entry.StartAt;
            }
            else
            {
                // Ticks missed while no silo ran fire once, now; the schedule then continues at StartAt + k × Period.
                var upcoming = Entry.StartAt + (Entry.Period * Math.Ceiling((now - Entry.StartAt) / Entry.Period));
                _nextTick = upcoming == now ? now : upcoming - Entry.Period;
            }

            var delay = _nextTick - now;
            _timer = clock.CreateTimer(static s => ((LocalReminder)s!).Fire(), this, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        }

        private void Fire()
        {
            var tickTime = _clock!.GetUtcNow();
            _nextTick += Entry.Period;
            var delay = _nextTick - tickTime;
            _timer?.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
            service.Deliver(this, tickTime);
        }

        public void Dispose() => _timer?.Dispose();
    }

    /// <summary>The runtime's own request for <see cref="IRemindable.ReceiveReminder"/>.</summary>
    private sealed class ReceiveReminderRequest(string reminderName, TickStatus status) : GrainVoidRequest
    {
        private static readonly GrainMethodDescriptor s_descriptor = new(typeof(IRemindable), nameof(IRemindable.ReceiveReminder), GrainMethodOptions.None);

        public override GrainMethodDescriptor Descriptor => s_descriptor;

        public override Task Invoke(object grain) => ((IRemindable)grain).ReceiveReminder(reminderName, status);
    }
}
