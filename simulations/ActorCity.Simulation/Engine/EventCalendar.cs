namespace ActorCity.Simulation.Engine;

/// <summary>
/// The engine's future-event list: one FIFO bucket per virtual minute up to the horizon. Events at the same
/// minute run in the order they were scheduled, exactly as a (time, sequence) priority queue would run them, but
/// scheduling and taking the next event are O(1) instead of O(log n). Slots of run events are reused.
/// </summary>
internal sealed class EventCalendar<T>
    where T : struct
{
    private readonly int[] _head;
    private readonly int[] _tail;
    private T[] _items;
    private int[] _next;
    private int _count;
    private int _free = -1;
    private long _cursor;

    /// <param name="horizonMinutes">Events at or after this minute are not kept.</param>
    /// <param name="capacity">Events expected to be pending at once; more are kept too, in grown arrays.</param>
    public EventCalendar(long horizonMinutes, int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
        _next = new int[capacity];
        _head = new int[horizonMinutes];
        _tail = new int[horizonMinutes];
        Array.Fill(_head, -1);
        Horizon = horizonMinutes;
    }

    /// <summary>Events at or after this minute are not kept.</summary>
    public long Horizon { get; }

    /// <summary>Adds an event; <paramref name="minute"/> must not be before the last minute taken.</summary>
    public void Add(long minute, in T item)
    {
        if (minute >= Horizon)
        {
            return;
        }

        if (minute < _cursor)
        {
            throw new InvalidOperationException($"An event at minute {minute} was scheduled after minute {_cursor} had started.");
        }

        int slot;
        if (_free >= 0)
        {
            slot = _free;
            _free = _next[slot];
        }
        else
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
                Array.Resize(ref _next, _next.Length * 2);
            }

            slot = _count++;
        }

        _items[slot] = item;
        _next[slot] = -1;
        var m = (int)minute;
        if (_head[m] < 0)
        {
            _head[m] = slot;
        }
        else
        {
            _next[_tail[m]] = slot;
        }

        _tail[m] = slot;
    }

    /// <summary>Takes the earliest event (first scheduled among equals); false when none is left before the horizon.</summary>
    public bool TryTake(out long minute, out T item)
    {
        while (_cursor < Horizon)
        {
            var m = (int)_cursor;
            var slot = _head[m];
            if (slot >= 0)
            {
                _head[m] = _next[slot];
                item = _items[slot];
                _next[slot] = _free;
                _free = slot;
                minute = _cursor;
                return true;
            }

            _cursor++;
        }

        minute = Horizon;
        item = default;
        return false;
    }
}
