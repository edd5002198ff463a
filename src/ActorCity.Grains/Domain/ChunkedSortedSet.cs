using System.Collections;

namespace ActorCity.Grains.Domain;

/// <summary>
/// A sorted set kept as a list of short sorted arrays (chunks), for the department queue: the same order and answers as
/// <see cref="SortedSet{T}"/> for what the queue asks (add, remove, the first entry, in-order reading), without a heap
/// node per entry. Finding an entry binary-searches the chunks' last entries, kept side by side in one array, and then
/// one chunk; adding or removing moves at most one chunk's entries. A tree walks a dozen nodes scattered over the heap
/// for each change of a queue of thousands, each node a likely cache miss.
/// </summary>
/// <remarks>Not thread-safe: a grain's state, changed by its own turns only.</remarks>
public sealed class ChunkedSortedSet<T> : IReadOnlyCollection<T>
    where T : IComparable<T>
{
    /// <summary>Entries per chunk at most; a full chunk that takes one more splits in two halves.</summary>
    internal const int ChunkCapacity = 32;

    private T[][] _chunks = [];
    // The last chunk dropped, cleared, for the next one needed: a queue that empties and fills again, or a chunk merged
    // away next to one about to split, would otherwise make a new chunk each time (in the simulation, a department
    // whose crews keep up empties its queue thousands of times).
    private T[]? _spare;
    private int[] _sizes = [];
    // _lasts[i] is the last (largest) entry of chunk i.
    private T[] _lasts = [];
    private int _chunkCount;
    private int _count;

    public int Count => _count;

    /// <summary>The first entry in order; <c>default</c> when the set is empty (as <see cref="SortedSet{T}.Min"/>).</summary>
    public T? Min => _count == 0 ? default : _chunks[0][0];

    /// <summary>Adds <paramref name="item"/>; false (and nothing changed) when an equal entry is already in the set.</summary>
    public bool Add(T item)
    {
        if (_chunkCount == 0)
        {
            InsertChunk(0, NewChunk(item), 1);
            _count = 1;
            return true;
        }

        // The first chunk whose last entry is not below the item; past the end, the item goes last, into the last chunk.
        var c = FindChunk(item);
        if (c == _chunkCount)
        {
            c--;
        }

        var chunk = _chunks[c];
        var size = _sizes[c];
        var at = Array.BinarySearch(chunk, 0, size, item);
        if (at >= 0)
        {
            return false;
        }

        at = ~at;
        if (size == ChunkCapacity)
        {
            // Split: the upper half moves to a new chunk right after this one.
            var half = ChunkCapacity / 2;
            var upper = TakeChunk();
            Array.Copy(chunk, half, upper, 0, ChunkCapacity - half);
            Array.Clear(chunk, half, ChunkCapacity - half);
            _sizes[c] = half;
            _lasts[c] = chunk[half - 1];
            InsertChunk(c + 1, upper, ChunkCapacity - half);
            if (at > half)
            {
                c++;
                at -= half;
                chunk = upper;
            }

            size = _sizes[c];
        }

        Array.Copy(chunk, at, chunk, at + 1, size - at);
        chunk[at] = item;
        _sizes[c] = size + 1;
        if (at == size)
        {
            _lasts[c] = item;
        }

        _count++;
        return true;
    }

    /// <summary>Removes the entry equal to <paramref name="item"/>; false when there is none.</summary>
    public bool Remove(T item)
    {
        var c = FindChunk(item);
        if (c == _chunkCount)
        {
            return false;
        }

        var chunk = _chunks[c];
        var size = _sizes[c];
        var at = Array.BinarySearch(chunk, 0, size, item);
        if (at < 0)
        {
            return false;
        }

        size--;
        Array.Copy(chunk, at + 1, chunk, at, size - at);
        chunk[size] = default!;
        _count--;
        if (size == 0)
        {
            RemoveChunk(c);
            return true;
        }

        _sizes[c] = size;
        if (at == size)
        {
            _lasts[c] = chunk[size - 1];
        }

        if (size < ChunkCapacity / 4)
        {
            MergeSmall(c);
        }

        return true;
    }

    public void Clear()
    {
        _spare = null;
        _chunks = [];
        _sizes = [];
        _lasts = [];
        _chunkCount = 0;
        _count = 0;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var c = 0; c < _chunkCount; c++)
        {
            var chunk = _chunks[c];
            for (var i = 0; i < _sizes[c]; i++)
            {
                yield return chunk[i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The index of the first chunk whose last entry is not below <paramref name="item"/>; the chunk count when there is none.</summary>
    private int FindChunk(T item)
    {
        int low = 0, high = _chunkCount;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (_lasts[mid].CompareTo(item) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Joins small chunk <paramref name="c"/> with a neighbour when both fit in three quarters of a chunk, so removals do not leave many near-empty chunks.</summary>
    private void MergeSmall(int c)
    {
        const int Joined = ChunkCapacity * 3 / 4;
        if (c + 1 < _chunkCount && _sizes[c] + _sizes[c + 1] <= Joined)
        {
            Append(c, c + 1);
        }
        else if (c > 0 && _sizes[c - 1] + _sizes[c] <= Joined)
        {
            Append(c - 1, c);
        }
    }

    /// <summary>Moves chunk <paramref name="next"/>'s entries to the end of chunk <paramref name="into"/>, the one before it, and drops it.</summary>
    private void Append(int into, int next)
    {
        var moved = _chunks[next];
        Array.Copy(moved, 0, _chunks[into], _sizes[into], _sizes[next]);
        Array.Clear(moved, 0, _sizes[next]);
        _sizes[into] += _sizes[next];
        _lasts[into] = _lasts[next];
        RemoveChunk(next);
    }

    private T[] NewChunk(T first)
    {
        var chunk = TakeChunk();
        chunk[0] = first;
        return chunk;
    }

    /// <summary>The spare chunk if there is one (all its entries cleared), else a new one.</summary>
    private T[] TakeChunk()
    {
        var chunk = _spare ?? new T[ChunkCapacity];
        _spare = null;
        return chunk;
    }

    private void InsertChunk(int index, T[] chunk, int size)
    {
        if (_chunkCount == _chunks.Length)
        {
            var capacity = Math.Max(4, _chunkCount * 2);
            Array.Resize(ref _chunks, capacity);
            Array.Resize(ref _sizes, capacity);
            Array.Resize(ref _lasts, capacity);
        }

        var moved = _chunkCount - index;
        Array.Copy(_chunks, index, _chunks, index + 1, moved);
        Array.Copy(_sizes, index, _sizes, index + 1, moved);
        Array.Copy(_lasts, index, _lasts, index + 1, moved);
        _chunks[index] = chunk;
        _sizes[index] = size;
        _lasts[index] = chunk[size - 1];
        _chunkCount++;
    }

    /// <summary>Drops chunk <paramref name="index"/>, whose entries are already cleared or moved and cleared, keeping it as the spare.</summary>
    private void RemoveChunk(int index)
    {
        _spare = _chunks[index];
        _chunkCount--;
        var moved = _chunkCount - index;
        Array.Copy(_chunks, index + 1, _chunks, index, moved);
        Array.Copy(_sizes, index + 1, _sizes, index, moved);
        Array.Copy(_lasts, index + 1, _lasts, index, moved);
        _chunks[_chunkCount] = null!;
        _lasts[_chunkCount] = default!;
    }
}
