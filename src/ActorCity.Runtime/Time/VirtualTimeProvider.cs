namespace ActorCity.Runtime.Time;

/// <summary>
/// A clock that moves only when told to. <see cref="AdvanceAsync"/> fires every due timer in time order
/// (ties in the order they were last armed) and, after each instant, waits until the attached silo is quiescent. A timer changed or
/// disposed before its due callback has run (by an earlier callback of the same instant) does not fire for that tick.
/// </summary>
public sealed partial class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly TimerHeap _queue = new();
    // The timers of one instant; reused across advances, which run from one owner at a time.
    private readonly List<Timer> _due = [];
    // The time as UTC ticks, read without the lock (grains read the clock on every command); written under the lock.
    private long _utcTicks;
    private readonly TimeSpan _offset;
    private long _sequence;
    private Func<ValueTask>? _waitForQuiescence;
    private bool _advancing;

    public VirtualTimeProvider(DateTimeOffset start)
    {
        _utcTicks = start.UtcTicks;
        _offset = start.Offset;
        LocalTimeZone = TimeZoneInfo.CreateCustomTimeZone("virtual", start.Offset, "virtual", "virtual");
    }

    public override TimeZoneInfo LocalTimeZone { get; }

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>The current virtual time in the offset the clock was created with.</summary>
    public DateTimeOffset Now => GetUtcNow().ToOffset(_offset);

    /// <summary>Ticks advance with the virtual clock: <see cref="TimeProvider.GetElapsedTime(long)"/> is virtual too.</summary>
    public override long GetTimestamp() => Volatile.Read(ref _utcTicks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>; see <see cref="AdvanceToAsync"/>.</summary>
    public Task AdvanceAsync(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The virtual clock cannot move backwards.");
        }

        return AdvanceToAsync(Now + delta);
    }

    /// <summary>
    /// Moves the clock to <paramref name="target"/>, firing every timer due on the way in time order and waiting
    /// for quiescence after each instant; returns once the clock reads <paramref name="target"/> and the silo is quiescent.
    /// </summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        lock (_gate)
        {
            if (_advancing)
            {
                throw new InvalidOperationException("The virtual clock is already advancing; advance it from one owner only.");
            }

            if (target.UtcTicks < _utcTicks)
            {
                throw new ArgumentOutOfRangeException(nameof(target), target, $"The virtual clock reads {Now:O}; it cannot move backwards.");
            }

            _advancing = true;
        }

        try
        {
            await WaitForQuiescenceAsync().ConfigureAwait(false);
            var due = _due;
            while (true)
            {
                lock (_gate)
                {
                    if (_queue.Peek() is not { } first || first.DueTicks > target.UtcTicks)
                    {
                        Volatile.Write(ref _utcTicks, target.UtcTicks);
                        break;
                    }

                    var dueTicks = first.DueTicks;
                    Volatile.Write(ref _utcTicks, dueTicks);
                    due.Clear();
                    while (_queue.Peek() is { } timer && timer.DueTicks == dueTicks)
                    {
                        _queue.Remove(timer);
                        timer.TakeDue(this);
                        due.Add(timer);
                    }
                }

                foreach (var timer in due)
                {
                    timer.Fire();
                }

                await WaitForQuiescenceAsync().ConfigureAwait(false);
            }

            await WaitForQuiescenceAsync().ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _due.Clear();
                _advancing = false;
            }
        }
    }

    /// <summary>Called by the silo that runs on this clock so that advancing waits for its work to drain.</summary>
    public void AttachQuiescence(Func<ValueTask> waitForQuiescence)
    {
        lock (_gate)
        {
            if (_waitForQuiescence is not null)
            {
                throw new InvalidOperationException("This virtual clock already drives a silo; give each silo its own clock.");
            }

            _waitForQuiescence = waitForQuiescence;
        }
    }

    internal void DetachQuiescence()
    {
        lock (_gate)
        {
            _waitForQuiescence = null;
        }
    }

    private ValueTask WaitForQuiescenceAsync()
    {
        Func<ValueTask>? wait;
        lock (_gate)
        {
            wait = _waitForQuiescence;
        }

        return wait is null ? ValueTask.CompletedTask : wait();
    }

    /// <summary>Timers armed and not yet due: one per armed timer, however often each was changed.</summary>
    internal int QueuedTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Arms <paramref name="timer"/> for <paramref name="dueTime"/> from now; a tick already taken due and not yet fired is dropped.</summary>
    internal void Schedule(Timer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            timer.Period = period;
            timer.DueTicks = (GetUtcNow() + dueTime).UtcTicks;
            timer.Sequence = ++_sequence;
            timer.CancelDue();
            _queue.Set(timer);
        }
    }

    /// <summary>Takes <paramref name="timer"/> out of the queue; a tick already taken due and not yet fired is dropped.</summary>
    internal void Unschedule(Timer timer)
    {
        lock (_gate)
        {
            _queue.Remove(timer);
            timer.CancelDue();
        }
    }

    /// <summary>The clock's own <see cref="ITimer"/>: a timer that runs a callback.</summary>
    private sealed class VirtualTimer(VirtualTimeProvider clock, TimerCallback callback, object? state) : Timer, ITimer
    {
        private bool _disposed;

        protected override void OnDue() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                clock.Unschedule(this);
            }
            else
            {
                if (dueTime < TimeSpan.Zero)
                {
                    throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A timer's due time cannot be negative.");
                }

                clock.Schedule(this, dueTime, period);
            }

            return true;
        }

        public void Dispose()
        {
            _disposed = true;
            clock.Unschedule(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
