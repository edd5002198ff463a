namespace ActorCity.Runtime.Time;

public sealed partial class VirtualTimeProvider
{
    /// <summary>
    /// The armed timers, earliest (due time, then schedule sequence) first. Each timer knows its slot, so a change moves
    /// it in place and a dispose takes it out: a re-armed timer leaves no stale entry behind (a reminder re-armed on
    /// every tick would otherwise grow the queue by one entry per re-arm until the old due time passed). Four children
    /// per node, like <see cref="PriorityQueue{TElement, TPriority}"/>: fewer levels to walk for a large queue.
    /// Guarded by the clock's lock.
    /// </summary>
    private sealed class TimerHeap
    {
        private const int Arity = 4;

        // The sort key is kept in the slot, next to the timer: comparing children reads this array, not the timers.
        // With 100,000 armed reminders, every timer object touched by a sift was a likely cache miss, four per level.
        private Entry[] _items = new Entry[16];

        public int Count { get; private set; }

        public Timer? Peek() => Count == 0 ? null : _items[0].Timer;

        /// <summary>Inserts the timer, or moves it if already queued, for its current due time and sequence.</summary>
        public void Set(Timer timer)
        {
            var entry = new Entry(timer.DueTicks, timer.Sequence, timer);
            var index = timer.HeapIndex;
            if (index < 0)
            {
                if (Count == _items.Length)
                {
                    Array.Resize(ref _items, _items.Length * 2);
                }

                SiftUp(Count++, entry);
                return;
            }

            // A re-armed timer takes a later sequence: it moves toward the leaves unless its due time came earlier.
            if (index > 0 && Earlier(entry, _items[(index - 1) / Arity]))
            {
                SiftUp(index, entry);
            }
            else
            {
                SiftDown(index, entry);
            }
        }

        public void Remove(Timer timer)
        {
            var index = timer.HeapIndex;
            if (index < 0)
            {
                return;
            }

            timer.HeapIndex = -1;
            var last = _items[--Count];
            _items[Count] = default;
            if (index == Count)
            {
                return;
            }

            if (index > 0 && Earlier(last, _items[(index - 1) / Arity]))
            {
                SiftUp(index, last);
            }
            else
            {
                SiftDown(index, last);
            }
        }

        private static bool Earlier(in Entry a, in Entry b) =>
            a.DueTicks < b.DueTicks || (a.DueTicks == b.DueTicks && a.Sequence < b.Sequence);

        /// <summary>Places <paramref name="entry"/> at <paramref name="index"/> or above, moving earlier-sorting parents down.</summary>
        private void SiftUp(int index, Entry entry)
        {
            var items = _items;
            while (index > 0)
            {
                var parentIndex = (index - 1) / Arity;
                ref var parent = ref items[parentIndex];
                if (!Earlier(entry, parent))
                {
                    break;
                }

                items[index] = parent;
                parent.Timer.HeapIndex = index;
                index = parentIndex;
            }

            items[index] = entry;
            entry.Timer.HeapIndex = index;
        }

        /// <summary>Places <paramref name="entry"/> at <paramref name="index"/> or below, moving the earliest child up at each level.</summary>
        private void SiftDown(int index, Entry entry)
        {
            var items = _items;
            var count = Count;
            while (true)
            {
                var first = (index * Arity) + 1;
                if (first >= count)
                {
                    break;
                }

                var best = first;
                var end = Math.Min(first + Arity, count);
                for (var child = first + 1; child < end; child++)
                {
                    if (Earlier(items[child], items[best]))
                    {
                        best = child;
                    }
                }

                ref var next = ref items[best];
                if (!Earlier(next, entry))
                {
                    break;
                }

                items[index] = next;
                next.Timer.HeapIndex = index;
                index = best;
            }

            items[index] = entry;
            entry.Timer.HeapIndex = index;
        }

        private readonly record struct Entry(long DueTicks, long Sequence, Timer Timer);
    }
}
