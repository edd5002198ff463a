namespace ActorCity.Runtime.Time;

/// <summary>
/// A clock that moves only when told to. <see cref="AdvanceAsync"/> fires every due timer in time order
/// (ties in creation order) and, after each instant, waits until the attached silo is quiescent. A timer changed or
/// disposed before its due callback has run (by an earlier callback of the same instant) does not fire for that tick.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<VirtualTimer, (long DueTicks, long Sequence)> _queue = new();
    // The timers of one instant; reused across advances, which run from one owner at a time.
    private readonly List<VirtualTimer> _due = [];
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
                    DiscardCancelled();
                    if (!_queue.TryPeek(out _, out var key) || key.DueTicks > target.UtcTicks)
                    {
                        Volatile.Write(ref _utcTicks, target.UtcTicks);
                        break;
                    }

                    Volatile.Write(ref _utcTicks, key.DueTicks);
                    due.Clear();
                    while (_queue.TryPeek(out var timer, out var next) && next.DueTicks == key.DueTicks)
                    {
                        _queue.Dequeue();
                        if (timer.TakeDue(next.Sequence))
                        {
                            due.Add(timer);
                        }
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

    private void DiscardCancelled()
    {
        while (_queue.TryPeek(out var timer, out var key) && !timer.IsScheduledAs(key.Sequence))
        {
            _queue.Dequeue();
        }
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            timer.Period = period;
            var sequence = ++_sequence;
            var dueTicks = (GetUtcNow() + dueTime).UtcTicks;
            timer.SetScheduled(sequence);
            timer.CancelDue();
            _queue.Enqueue(timer, (dueTicks, sequence));
        }
    }

    private void Unschedule(VirtualTimer timer)
    {
        lock (_gate)
        {
            timer.SetScheduled(0);
            timer.CancelDue();
        }
    }

    private sealed class VirtualTimer(VirtualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private long _scheduledSequence;
        private long _dueSequence;
        private bool _disposed;

        /// <summary>Guarded by the clock's lock.</summary>
        public TimeSpan Period { get; set; } = Timeout.InfiniteTimeSpan;

        public bool IsScheduledAs(long sequence) => Volatile.Read(ref _scheduledSequence) == sequence;

        public void SetScheduled(long sequence) => Volatile.Write(ref _scheduledSequence, sequence);

        /// <summary>Claims the tick under the clock's lock; re-arms periodic timers for their next tick.</summary>
        public bool TakeDue(long sequence)
        {
            if (_scheduledSequence != sequence || _disposed)
            {
                return false;
            }

            _scheduledSequence = 0;
            Volatile.Write(ref _dueSequence, sequence);
            if (Period > TimeSpan.Zero && Period != Timeout.InfiniteTimeSpan)
            {
                var next = ++clock._sequence;
                _scheduledSequence = next;
                clock._queue.Enqueue(this, ((clock.GetUtcNow() + Period).UtcTicks, next));
            }

            return true;
        }

        /// <summary>Called under the clock's lock by Change and Dispose: a tick taken due but not yet fired is dropped.</summary>
        public void CancelDue() => Volatile.Write(ref _dueSequence, 0);

        public void Fire()
        {
            if (Interlocked.Exchange(ref _dueSequence, 0) != 0)
            {
                callback(state);
            }
        }

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
