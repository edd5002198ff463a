using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace ActorCity.Runtime.Reminders;

/// <summary>
/// A map split by key hash into small dictionaries, each under its own lock. Unlike a concurrent dictionary it
/// allocates no node per entry (an object that would live as long as the entry: here, as long as a reminder), and
/// unlike one plain dictionary it never grows an array onto the large object heap at the sizes reminders reach (about
/// 1,000 entries per shard at 64,000 reminders), where each doubling would count toward a full (gen2) collection.
/// </summary>
internal sealed class ShardedMap<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private const int ShardCount = 64;
    private readonly Dictionary<TKey, TValue>[] _shards = new Dictionary<TKey, TValue>[ShardCount];
    private readonly Lock[] _locks = new Lock[ShardCount];

    public ShardedMap()
    {
        for (var i = 0; i < ShardCount; i++)
        {
            _shards[i] = [];
            _locks[i] = new Lock();
        }
    }

    /// <summary>The value stored for <paramref name="key"/>, or one made by <paramref name="create"/> and stored.</summary>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> create, TArg arg)
    {
        var shard = ShardOf(key);
        lock (_locks[shard])
        {
            ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(_shards[shard], key, out _);
            return value ??= create(key, arg);
        }
    }

    public TValue? Find(TKey key)
    {
        var shard = ShardOf(key);
        lock (_locks[shard])
        {
            return _shards[shard].GetValueOrDefault(key);
        }
    }

    public bool Remove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var shard = ShardOf(key);
        lock (_locks[shard])
        {
            return _shards[shard].Remove(key, out value);
        }
    }

    /// <summary>The values, shard by shard (in no meaningful order), each shard read under its lock.</summary>
    public List<TValue> Values()
    {
        var values = new List<TValue>();
        for (var i = 0; i < ShardCount; i++)
        {
            lock (_locks[i])
            {
                values.AddRange(_shards[i].Values);
            }
        }

        return values;
    }

    /// <summary>Empties the map, handing each value removed to <paramref name="removed"/> under its shard's lock.</summary>
    public void Clear(Action<TValue> removed)
    {
        for (var i = 0; i < ShardCount; i++)
        {
            lock (_locks[i])
            {
                foreach (var value in _shards[i].Values)
                {
                    removed(value);
                }

                _shards[i].Clear();
            }
        }
    }

    private static int ShardOf(TKey key) => (int)((uint)key.GetHashCode() % ShardCount);
}
