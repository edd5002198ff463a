namespace ActorCity.Runtime.Scheduler;

/// <summary>
/// Runs every work item of a silo on one logical thread, in FIFO order, so a simulation run is a pure function
/// of its inputs. Whoever schedules work while no one is draining becomes the drainer until the queue is empty;
/// calls from outside the silo enter through <see cref="RunExclusive{T}"/>.
/// </summary>
internal sealed class DeterministicWorkScheduler : IWorkScheduler
{
    private readonly Lock _queueLock = new();
    private readonly Queue<IThreadPoolWorkItem> _queue = new();
    private readonly Lock _runner = new();
    private bool _draining;

    public bool IsDeterministic => true;

    /// <summary>True on the thread that currently owns the run loop.</summary>
    public bool IsRunnerThread => _runner.IsHeldByCurrentThread;

    public void Schedule(IThreadPoolWorkItem workItem)
    {
        lock (_queueLock)
        {
            _queue.Enqueue(workItem);
        }

        if (!_draining)
        {
            Drain();
        }
    }

    /// <summary>Runs <paramref name="action"/> as the run loop's owner, then drains everything it caused.</summary>
    public T RunExclusive<TState, T>(Func<TState, T> action, TState state)
    {
        T result;
        lock (_runner)
        {
            var wasDraining = _draining;
            _draining = true;
            try
            {
                result = action(state);
                DrainOwned();
            }
            finally
            {
                _draining = wasDraining;
            }
        }

        // Work queued by another thread while we owned the loop, after our last look.
        if (HasQueuedWork())
        {
            Drain();
        }

        return result;
    }

    /// <summary>
    /// The first half of <see cref="RunExclusive{TState, T}"/>, for an inline grain call made from outside the silo: this
    /// thread owns the run loop until <see cref="ExitRunLoop"/>, which it must call next, on the same thread.
    /// </summary>
    public void EnterRunLoop()
    {
        _runner.Enter();
        _draining = true;
    }

    /// <summary>The second half: drains everything the call caused, then leaves the run loop.</summary>
    public void ExitRunLoop()
    {
        try
        {
            DrainOwned();
        }
        finally
        {
            _draining = false;
            _runner.Exit();
        }

        // Work queued by another thread while we owned the loop, after our last look.
        if (HasQueuedWork())
        {
            Drain();
        }
    }

    public void Drain()
    {
        while (true)
        {
            if (!_runner.TryEnter())
            {
                // The owner drains what we queued before it leaves (it re-checks after releasing).
                return;
            }

            try
            {
                if (_draining)
                {
                    return;
                }

                _draining = true;
                try
                {
                    DrainOwned();
                }
                finally
                {
                    _draining = false;
                }
            }
            finally
            {
                _runner.Exit();
            }

            if (!HasQueuedWork())
            {
                return;
            }
        }
    }

    private bool HasQueuedWork()
    {
        lock (_queueLock)
        {
            return _queue.Count != 0;
        }
    }

    private void DrainOwned()
    {
        while (true)
        {
            IThreadPoolWorkItem? next;
            lock (_queueLock)
            {
                if (!_queue.TryDequeue(out next))
                {
                    return;
                }
            }

            next.Execute();
        }
    }
}
