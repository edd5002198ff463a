namespace ActorCity.Runtime.Time;

public sealed partial class VirtualTimeProvider
{
    /// <summary>
    /// An entry of the clock's queue that runs its own <see cref="OnDue"/> rather than a callback on a state object.
    /// The clock's <see cref="ITimer"/> is one; the reminder service derives its armed reminders from it, so that a
    /// reminder and its timer are one object (the runtime keeps one armed reminder per open task). Armed and stopped
    /// through <see cref="Schedule"/> and <see cref="Unschedule"/>; the schedule fields are guarded by the clock's lock.
    /// </summary>
    internal abstract class Timer
    {
        // The sequence of the tick taken due and not yet fired; 0 when none (never taken, fired, or dropped).
        private long _dueSequence;

        public TimeSpan Period { get; set; } = Timeout.InfiniteTimeSpan;

        public long DueTicks { get; set; }

        /// <summary>Orders timers due at the same instant: a later arming (or change) fires later.</summary>
        public long Sequence { get; set; }

        /// <summary>The timer's slot in the clock's queue; -1 while not armed.</summary>
        public int HeapIndex { get; set; } = -1;

        /// <summary>Runs the tick, outside the clock's lock.</summary>
        protected abstract void OnDue();

        /// <summary>Claims the tick, once taken out of the queue under the clock's lock; re-arms periodic timers for their next tick.</summary>
        public void TakeDue(VirtualTimeProvider clock)
        {
            Volatile.Write(ref _dueSequence, Sequence);
            if (Period > TimeSpan.Zero && Period != Timeout.InfiniteTimeSpan)
            {
                DueTicks = (clock.GetUtcNow() + Period).UtcTicks;
                Sequence = ++clock._sequence;
                clock._queue.Set(this);
            }
        }

        /// <summary>Called under the clock's lock by Schedule and Unschedule: a tick taken due but not yet fired is dropped.</summary>
        public void CancelDue() => Volatile.Write(ref _dueSequence, 0);

        public void Fire()
        {
            if (Interlocked.Exchange(ref _dueSequence, 0) != 0)
            {
                OnDue();
            }
        }
    }
}
