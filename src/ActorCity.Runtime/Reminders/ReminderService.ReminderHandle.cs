using ActorCity.Runtime.Time;

namespace ActorCity.Runtime.Reminders;

internal sealed partial class ReminderService
{
    /// <summary>
    /// What a grain holds for a reminder, and the armed reminder itself: a one-shot timer re-armed for the next
    /// StartAt + k × Period after each tick. The service hands back the same handle on every update of an armed
    /// reminder, carrying the newest version, so an update allocates neither a handle nor a task. The version is an
    /// ETag string from the table, or for the in-memory table its row and version number, formatted only if asked for.
    /// </summary>
    /// <remarks>
    /// One object per armed reminder, since every open task keeps one armed and each object that lives is copied by
    /// every GC until the reminder goes: on the virtual clock the handle is its own timer (an update re-arms it in
    /// place, which also drops a tick already due); on a system clock, which may still deliver a tick it has
    /// dispatched, each arming gets its own timer and a tick of an older arming is dropped. A handle is armed at most
    /// once: after it is disarmed (unregistered, or the service stopped) a registration gets a new handle. The schedule
    /// is guarded by locking the handle, which holds no lock while the clock runs or the grain is called.
    /// </remarks>
    private sealed class ReminderHandle(ReminderService service, ReminderKey key, string? etag) : VirtualTimeProvider.Timer, IGrainReminder
    {
        private const int New = 0, Armed = 1, Disarmed = 2;

        // Set and read only in the owning grain's turns (register, update, unregister) and at start, before any turn.
        private string? _etag = etag;
        private Task<IGrainReminder>? _completed;
        private int _state;
        private DateTimeOffset _startAt;
        private TimeSpan _period;
        // UTC: half the size of a DateTimeOffset, and only differences with the clock's time are taken.
        private DateTime _nextTick;
        // On a system clock, the current arming and its timer.
        private SystemArming? _system;

        public ReminderService Service => service;

        public ReminderKey Key { get; } = key;

        public GrainId GrainId => Key.GrainId;

        public string ReminderName => Key.Name;

        /// <summary>True from the first arming until disarmed; read without a lock by the service's shortcut for updates.</summary>
        public bool IsArmed => Volatile.Read(ref _state) == Armed;

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

        public Task<IGrainReminder> Completed => _completed ??= Task.FromResult<IGrainReminder>(this);

        /// <summary>Sets the schedule and arms the timer for its next tick; false once disarmed.</summary>
        public bool Arm(DateTimeOffset startAt, TimeSpan period)
        {
            var clock = service.Clock;
            lock (this)
            {
                if (_state == Disarmed)
                {
                    return false;
                }

                _startAt = startAt;
                _period = period;
                var now = clock.GetUtcNow();
                if (startAt >= now)
                {
                    _nextTick = startAt.UtcDateTime;
                }
                else
                {
                    // Ticks missed while no silo ran fire once, now; the schedule then continues at StartAt + k × Period.
                    var upcoming = startAt + (period * Math.Ceiling((now - startAt) / period));
                    _nextTick = (upcoming == now ? now : upcoming - period).UtcDateTime;
                }

                var delay = DelayToNextTick(now);
                if (clock is VirtualTimeProvider virtualClock)
                {
                    virtualClock.Schedule(this, delay, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    _system?.Timer?.Dispose();
                    _system = new SystemArming(this);
                    _system.Timer = clock.CreateTimer(static s => ((SystemArming)s!).Fire(), _system, delay, Timeout.InfiniteTimeSpan);
                }

                Volatile.Write(ref _state, Armed);
                return true;
            }
        }

        /// <summary>Stops the timer for good; a tick already due and not yet delivered is dropped.</summary>
        public void Disarm()
        {
            lock (this)
            {
                _state = Disarmed;
                if (service.Clock is VirtualTimeProvider virtualClock)
                {
                    virtualClock.Unschedule(this);
                }

                _system?.Timer?.Dispose();
                _system = null;
            }
        }

        protected override void OnDue() => Tick(arming: null);

        /// <summary>How long from <paramref name="now"/> until the next tick; zero when it is already due. Under the handle's lock.</summary>
        private TimeSpan DelayToNextTick(DateTimeOffset now)
        {
            var delay = _nextTick - now.UtcDateTime;
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        /// <summary>Delivers the tick due now and re-arms for the next; <paramref name="arming"/>, a system timer's, is dropped when no longer current.</summary>
        private void Tick(SystemArming? arming)
        {
            var clock = service.Clock;
            DateTimeOffset tickTime, startAt;
            TimeSpan period;
            lock (this)
            {
                if (_state != Armed || (arming is not null && arming != _system))
                {
                    return;
                }

                tickTime = clock.GetUtcNow();
                startAt = _startAt;
                period = _period;
                _nextTick += period;
                var delay = DelayToNextTick(tickTime);
                if (clock is VirtualTimeProvider virtualClock)
                {
                    virtualClock.Schedule(this, delay, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    _system?.Timer?.Change(delay, Timeout.InfiniteTimeSpan);
                }
            }

            service.Deliver(this, startAt, period, tickTime);
        }

        public override string ToString() => $"Reminder '{ReminderName}' of {GrainId}";

        /// <summary>One arming on a system clock: the timer's state, which tells a tick of this arming from a later one's.</summary>
        private sealed class SystemArming(ReminderHandle handle)
        {
            public ITimer? Timer { get; set; }

            public void Fire() => handle.Tick(this);
        }
    }
}
