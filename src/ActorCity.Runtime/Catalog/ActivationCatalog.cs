using System.Collections.Concurrent;
using ActorCity.Runtime.Hosting;

namespace ActorCity.Runtime.Catalog;

/// <summary>The silo's activations: at most one per grain id (stateless workers: a bounded group per id).</summary>
internal sealed class ActivationCatalog(SiloRuntime runtime)
{
    private readonly ActivationTable _activations = new();
    private readonly ConcurrentDictionary<GrainId, StatelessWorkerGroup> _workers = new();
    private TaskCompletionSource? _emptied;
    // Activations and stateless workers together, read without a lock (shutdown asks after each of 100k removals).
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ActivationData GetOrCreate(GrainId grainId, GrainClassInfo classInfo)
    {
        var activation = GetOrAdd(grainId, classInfo, out var created);
        if (created)
        {
            activation.Start();
        }

        return activation;
    }

    /// <summary>
    /// The grain's activation; a new one is returned unstarted with <paramref name="created"/> set, and the caller must
    /// start it (<see cref="ActivationData.Start"/> or <see cref="ActivationData.StartWithCall{TRequest}"/>). Stateless
    /// workers are always returned started.
    /// </summary>
    public ActivationData GetOrAdd(GrainId grainId, GrainClassInfo classInfo, out bool created)
    {
        created = false;
        if (classInfo.IsStatelessWorker)
        {
            return _workers.GetOrAdd(grainId, static (id, state) => new StatelessWorkerGroup(state.runtime, id, state.classInfo), (runtime, classInfo)).Pick();
        }

        // A miss here is settled by GetOrAdd, under the table's lock.
        if (_activations.FindWithoutLock(grainId) is { } existing)
        {
            return existing;
        }

        var fresh = new ActivationData(runtime, grainId, classInfo);
        var winner = _activations.GetOrAdd(fresh);
        if (ReferenceEquals(winner, fresh))
        {
            Interlocked.Increment(ref _count);
            created = true;
        }

        return winner;
    }

    /// <summary>The grain's activation if it has one (never a stateless worker's); creates nothing.</summary>
    public ActivationData? Find(GrainId grainId) => _activations.Find(grainId);

    /// <summary>
    /// As <see cref="Find"/>, without settling a miss under the table's lock: it may miss an activation being added or
    /// moved by a resize at this moment. For callers whose miss is settled by the call itself (<see cref="GetOrAdd"/>
    /// resolves the grain again): a grain reference made, a reminder tick delivered. Most such lookups are of grains not
    /// yet activated, so a miss is the usual answer, and looking twice made it cost two walks and a lock.
    /// </summary>
    public ActivationData? FindWithoutLock(GrainId grainId) => _activations.FindWithoutLock(grainId);

    public void Remove(ActivationData activation)
    {
        var removed = activation.WorkerGroup is { } group
            ? group.Remove(activation)
            : _activations.Remove(activation);
        if (removed && Interlocked.Decrement(ref _count) == 0 && Volatile.Read(ref _emptied) is { } emptied)
        {
            emptied.TrySetResult();
        }
    }

    /// <summary>Called by a stateless-worker group when it adds an activation.</summary>
    internal void Added() => Interlocked.Increment(ref _count);

    /// <summary>Completes once no activation is left (the silo's shutdown waits on it).</summary>
    public Task WaitUntilEmptyAsync()
    {
        var emptied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _emptied, emptied);
        if (Count == 0)
        {
            emptied.TrySetResult();
        }

        return emptied.Task;
    }

    /// <summary>
    /// Every activation, read from the live catalog without copying it: the timeout sweeper walks it every second, and
    /// a 100k-entry copy each time was a large-object allocation. Activations added or removed meanwhile may be missed.
    /// </summary>
    public IEnumerable<ActivationData> Live()
    {
        foreach (var activation in _activations.Live())
        {
            yield return activation;
        }

        if (!_workers.IsEmpty)
        {
            var workers = new List<ActivationData>();
            foreach (var group in _workers.Values)
            {
                group.AddTo(workers);
            }

            foreach (var worker in workers)
            {
                yield return worker;
            }
        }
    }

    /// <summary>A snapshot of every activation (collector, shutdown, metrics).</summary>
    public List<ActivationData> Snapshot()
    {
        var all = new List<ActivationData>(Count);
        _activations.AddTo(all);
        foreach (var group in _workers.Values)
        {
            group.AddTo(all);
        }

        return all;
    }
}

/// <summary>The local activations of one stateless-worker id: an idle one is reused, a new one added while all are busy.</summary>
internal sealed class StatelessWorkerGroup(SiloRuntime runtime, GrainId grainId, GrainClassInfo classInfo)
{
    private readonly Lock _lock = new();
    private readonly List<ActivationData> _activations = [];
    private int _next;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _activations.Count;
            }
        }
    }

    public ActivationData Pick()
    {
        ActivationData? created = null;
        ActivationData picked;
        lock (_lock)
        {
            foreach (var activation in _activations)
            {
                if (activation.IsUsable && activation.IsIdle)
                {
                    return activation;
                }
            }

            if (_activations.Count < classInfo.MaxLocalWorkers)
            {
                created = new ActivationData(runtime, grainId, classInfo) { WorkerGroup = this };
                _activations.Add(created);
                picked = created;
            }
            else
            {
                picked = _activations[_next++ % _activations.Count];
            }
        }

        if (created is not null)
        {
            runtime.Catalog.Added();
            created.Start();
        }

        return picked;
    }

    public bool Remove(ActivationData activation)
    {
        lock (_lock)
        {
            return _activations.Remove(activation);
        }
    }

    public void AddTo(List<ActivationData> all)
    {
        lock (_lock)
        {
            all.AddRange(_activations);
        }
    }
}
