namespace ActorCity.Runtime.Catalog;

/// <summary>
/// The catalog's activations by grain id: a hash table whose chains run through the activations themselves
/// (<see cref="ActivationData.NextInTable"/>), so an entry costs no node object. A silo keeps 100,000 activations
/// alive for a whole simulation run, and a <c>ConcurrentDictionary</c> node each was one more object for every full
/// collection to mark. Writers take the lock; readers do not, and a reader that finds nothing asks again under the
/// lock, because a concurrent resize relinks chains and can hide an entry from a lock-free reader for a moment.
/// </summary>
internal sealed class ActivationTable
{
    private readonly Lock _lock = new();
    private ActivationData?[] _buckets = new ActivationData?[64];
    private int _count;

    public ActivationData? Find(GrainId grainId)
    {
        var hash = grainId.GetHashCode();
        return FindIn(Volatile.Read(ref _buckets), grainId, hash) ?? FindLocked(grainId, hash);
    }

    /// <summary>The lock-free read alone: for a caller that settles a miss with <see cref="GetOrAdd"/>, which looks again under the lock.</summary>
    public ActivationData? FindWithoutLock(GrainId grainId) => FindIn(Volatile.Read(ref _buckets), grainId, grainId.GetHashCode());

    /// <summary>The activation for <paramref name="created"/>'s grain id: an existing one, or <paramref name="created"/> once added.</summary>
    public ActivationData GetOrAdd(ActivationData created)
    {
        var hash = created.TableHash;
        lock (_lock)
        {
            if (FindIn(_buckets, created.GrainId, hash) is { } existing)
            {
                return existing;
            }

            if (_count >= _buckets.Length)
            {
                Grow();
            }

            var buckets = _buckets;
            ref var head = ref buckets[hash & (buckets.Length - 1)];
            created.NextInTable = head;
            // Published last: a reader that sees the activation sees its link.
            Volatile.Write(ref head, created);
            _count++;
            return created;
        }
    }

    /// <summary>Removes this very activation (not a newer one of the same grain); false when it is not in the table.</summary>
    public bool Remove(ActivationData activation)
    {
        lock (_lock)
        {
            var buckets = _buckets;
            ref var link = ref buckets[activation.TableHash & (buckets.Length - 1)];
            while (link is not null)
            {
                if (ReferenceEquals(link, activation))
                {
                    Volatile.Write(ref link, activation.NextInTable);
                    activation.NextInTable = null;
                    _count--;
                    return true;
                }

                link = ref link.NextInTable;
            }

            return false;
        }
    }

    /// <summary>
    /// Every activation, without the lock: entries added or removed meanwhile may be missed, and during a resize an
    /// entry may be missed or seen twice (the timeout sweeper tolerates both).
    /// </summary>
    public IEnumerable<ActivationData> Live()
    {
        var buckets = Volatile.Read(ref _buckets);
        foreach (var head in buckets)
        {
            for (var activation = head; activation is not null; activation = Volatile.Read(ref activation.NextInTable))
            {
                yield return activation;
            }
        }
    }

    /// <summary>Every activation at one moment, into <paramref name="all"/>.</summary>
    public void AddTo(List<ActivationData> all)
    {
        lock (_lock)
        {
            foreach (var head in _buckets)
            {
                for (var activation = head; activation is not null; activation = activation.NextInTable)
                {
                    all.Add(activation);
                }
            }
        }
    }

    private ActivationData? FindLocked(GrainId grainId, int hash)
    {
        lock (_lock)
        {
            return FindIn(_buckets, grainId, hash);
        }
    }

    private static ActivationData? FindIn(ActivationData?[] buckets, GrainId grainId, int hash)
    {
        for (var activation = Volatile.Read(ref buckets[hash & (buckets.Length - 1)]); activation is not null; activation = Volatile.Read(ref activation.NextInTable))
        {
            if (activation.TableHash == hash && activation.GrainId.Equals(grainId))
            {
                return activation;
            }
        }

        return null;
    }

    private void Grow()
    {
        var old = _buckets;
        var buckets = new ActivationData?[old.Length * 2];
        foreach (var head in old)
        {
            for (var activation = head; activation is not null;)
            {
                var next = activation.NextInTable;
                ref var target = ref buckets[activation.TableHash & (buckets.Length - 1)];
                activation.NextInTable = target;
                target = activation;
                activation = next;
            }
        }

        Volatile.Write(ref _buckets, buckets);
    }
}
