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
        private Timer[] _items = new Timer[16];

        public int Count { get; private set; }

        public Timer? Peek() => Count == 0 ? null : _items[0];

        /// <summary>Inserts the timer, or moves it if already queued, for its current due time and sequence.</summary>
        public void Set(Timer timer)
        {
            var index = timer.HeapIndex;
            if (index < 0)
            {
                if (Count == _items.Length)
                {
                    Array.Resize(ref _items, _items.Length * 2);
                }

                index = Count++;
                _items[index] = timer;
                timer.HeapIndex = index;
                SiftUp(index);
                return;
            }

            // A re-armed timer takes a later sequence: it moves toward the leaves unless its due time came earlier.
            if (index > 0 && Earlier(timer, _items[(index - 1) / Arity]))
            {
                SiftUp(index);
            }
            else
            {
                SiftDown(index);
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
            _items[Count] = null!;
            if (index == Count)
            {
                return;
            }

            _items[index] = last;
            last.HeapIndex = index;
            if (index > 0 && Earlier(last, _items[(index - 1) / Arity]))
            {
                SiftUp(index);
            }
            else
            {
                SiftDown(index);
            }
        }

        private static bool Earlier(Timer a, Timer b) =>
            a.DueTicks < b.DueTicks || (a.DueTicks == b.DueTicks && a.Sequence < b.Sequence);

        private void SiftUp(int index)
        {
            var timer = _items[index];
            while (index > 0)
            {
                var parentIndex = (index - 1) / Arity;
                var parent = _items[parentIndex];
                if (!Earlier(timer, parent))
                {
                    break;
                }

                _items[index] = parent;
                parent.HeapIndex = index;
                index = parentIndex;
            }

            _items[index] = timer;
            timer.HeapIndex = index;
        }

        private void SiftDown(int index)
        {
            var timer = _items[index];
            while (true)
            {
                var first = (index * Arity) + 1;
                if (first >= Count)
                {
                    break;
                }

                var best = first;
                var end = Math.Min(first + Arity, Count);
                for (var child = first + 1; child < end; child++)
                {
                    if (Earlier(_items[child], _items[best]))
                    {
                        best = child;
                    }
                }

                var next = _items[best];
                if (!Earlier(next, timer))
                {
                    break;
                }

                _items[index] = next;
                next.HeapIndex = index;
                index = best;
            }

            _items[index] = timer;
            timer.HeapIndex = index;
        }
    }
}
