using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Invocation;
using ActorCity.Runtime.Messaging;
using ActorCity.Runtime.Scheduler;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Timers;

namespace ActorCity.Runtime.Catalog;

internal enum ActivationStatus
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}

/// <summary>
/// One activation of a grain: its instance, its mailbox and its lifecycle. The mailbox holds posted continuations
/// (always run first: they belong to requests already started) and queued requests (started one at a time unless
/// they may interleave). Only one thread runs the activation at a time: the thread that set <c>_workerActive</c>.
/// </summary>
internal sealed partial class ActivationData : IGrainContext, IThreadPoolWorkItem
{
    private const int TurnsPerWorkItem = 64;

    private readonly Lock _lock = new();
    // Made on first use: most activations run every call inline and never queue, and a live silo holds many of them.
    private Queue<RequestWorkItem>? _requests;
    private Queue<(SendOrPostCallback Callback, object? State)>? _continuations;
    private readonly ActivationSynchronizationContext _syncContext;
    private readonly SiloRuntime _runtime;
    private RequestWorkItem? _lifecycle;
    // The call that created the activation when it had to wait for activation: it runs before anything queued meanwhile.
    private RequestWorkItem? _firstCall;
    private RequestWorkItem? _pendingHead;
    private int _running;
    private bool _workerActive;
    private volatile ActivationStatus _status = ActivationStatus.Activating;
    private DeactivationReason? _deactivation;
    private bool _touched;
    private long _lastActiveTicks;
    private long _keepAliveUntilTicks;
    private List<IActivationTimer>? _timers;
    // One IActivationStateFacet (most grains declare one state), or an array of them.
    private object? _stateFacets;
    private Grain? _grain;

    public ActivationData(SiloRuntime runtime, GrainId grainId, GrainClassInfo classInfo)
    {
        _runtime = runtime;
        GrainId = grainId;
        ClassInfo = classInfo;
        _syncContext = new ActivationSynchronizationContext(this);

        // Claimed by its creator until Start or StartWithCall: a call that finds it first in the catalog is queued.
        _workerActive = true;
    }

    public GrainId GrainId { get; }

    public GrainClassInfo ClassInfo { get; }

    /// <summary>The reference <see cref="IGrainFactory.GetGrain{T}(string)"/> hands out for this grain while the activation lives.</summary>
    internal GrainReference? SharedReference { get; set; }

    /// <summary>The stateless-worker group this activation belongs to, if any.</summary>
    public StatelessWorkerGroup? WorkerGroup { get; init; }

    public IGrainFactory GrainFactory => _runtime.Invoker;

    public IServiceProvider ActivationServices => _runtime.Services;

    public TimeProvider TimeProvider => _runtime.GrainClock;

    public bool IsUsable => _status != ActivationStatus.Invalid;

    internal ActivationStatus Status => _status;

    internal Grain GrainInstance => _grain ?? throw new InvalidOperationException($"{GrainId} is not activated.");

    /// <summary>Queued requests, for the queue-length metric.</summary>
    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return (_firstCall is null ? 0 : 1) + (_requests?.Count ?? 0);
            }
        }
    }

    /// <summary>True when nothing runs or waits on this activation (stateless workers pick idle ones).</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return !_workerActive && _running == 0 && !HasRequestsLocked && !HasContinuationsLocked;
            }
        }
    }

    /// <summary>Starts activation: construct the grain, read its state, run OnActivateAsync. Called once, by the catalog.</summary>
    public void Start()
    {
        _lastActiveTicks = _runtime.GrainClock.GetUtcNow().UtcTicks;
        _runtime.Tracker.Increment();
        lock (_lock)
        {
            _lifecycle = LifecycleWorkItem.Activate;
        }

        _runtime.Scheduler.Schedule(this);
    }

    /// <summary>
    /// Starts activation on the creating caller's thread and then runs its call, inline when activation completed
    /// synchronously and nothing else waits (no queue, no hop, no work item), otherwise ahead of every call queued since.
    /// Called once, by the caller whose call created the activation, instead of <see cref="Start"/>.
    /// </summary>
    public Task StartWithCall<TRequest>(TRequest request, bool interleave, Func<TRequest, object, Task> invoke, Func<TRequest, bool, (RequestWorkItem Item, Task CallerTask)> wrap)
    {
        _lastActiveTicks = _runtime.GrainClock.GetUtcNow().UtcTicks;
        var start = _runtime.Metrics.Timestamp();
        // One count covers the activation turn and then the call's turn, like TryInvokeInline's.
        _runtime.Tracker.Increment();
        lock (_lock)
        {
            _running++;
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        Task<Exception?> activation;
        try
        {
            activation = ActivateAsync();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        // Read once: the activation may complete on another thread meanwhile, and then its continuation must still run.
        var completed = activation.IsCompleted;
        if (completed)
        {
            bool inline;
            lock (_lock)
            {
                _running--;
                inline = _status == ActivationStatus.Valid && _deactivation is null && !HasContinuationsLocked && !HasRequestsLocked;
                if (inline)
                {
                    _running++;
                }
            }

            if (inline)
            {
                return InvokeClaimed(request, interleave, invoke, wrap, start);
            }

            if (activation.Result is { } failure)
            {
                var (failed, failedTask) = wrap(request, interleave);
                failed.Fail(failure);
                ReleaseWorker();
                _runtime.Tracker.Decrement();
                return failedTask;
            }
        }

        var (item, callerTask) = wrap(request, interleave);
        if (start != 0)
        {
            item.StartTimestamp = start;
        }

        // Counted like a queued call: Execute (or Retire) takes it out. The activation cannot have been retired yet:
        // its continuations are posted to this activation, and this thread still holds the worker.
        _runtime.Tracker.Increment();
        lock (_lock)
        {
            _firstCall = item;
            LinkLocked(item);
        }

        if (!completed)
        {
            LifecycleWorkItem.Activate.CompleteWhenDone(this, activation);
        }

        ReleaseWorker();
        _runtime.Tracker.Decrement();
        return callerTask;
    }

    private void ReleaseWorker()
    {
        bool schedule;
        lock (_lock)
        {
            schedule = HasRunnableLocked();
            _workerActive = schedule;
        }

        if (schedule)
        {
            _runtime.Scheduler.Schedule(this);
        }
    }

    /// <summary>Queues a request; false when the activation is gone and the caller must resolve a new one.</summary>
    public bool TryEnqueue(RequestWorkItem item)
    {
        _runtime.Tracker.Increment();
        bool schedule;
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid)
            {
                _runtime.Tracker.Decrement();
                return false;
            }

            (_requests ??= new()).Enqueue(item);
            if (item.HasCaller)
            {
                LinkLocked(item);
            }

            schedule = !_workerActive && HasRunnableLocked();
            if (schedule)
            {
                _workerActive = true;
            }
        }

        if (schedule)
        {
            _runtime.Scheduler.Schedule(this);
        }

        return true;
    }

    public void EnqueueContinuation(SendOrPostCallback callback, object? state)
    {
        _runtime.Tracker.Increment();
        bool schedule;
        lock (_lock)
        {
            (_continuations ??= new()).Enqueue((callback, state));
            schedule = !_workerActive;
            if (schedule)
            {
                _workerActive = true;
            }
        }

        if (schedule)
        {
            _runtime.Scheduler.Schedule(this);
        }
    }

    /// <summary>
    /// Runs a call on the caller's thread when the activation is idle: no hop, no queue, and no allocation when the
    /// grain completes synchronously. Returns null when the call must be queued instead.
    /// </summary>
    public Task? TryInvokeInline<TRequest>(TRequest request, bool interleave, Func<TRequest, object, Task> invoke, Func<TRequest, bool, (RequestWorkItem Item, Task CallerTask)> wrap)
    {
        // Counted before the activation is claimed, so quiescence is never observed while this turn runs.
        _runtime.Tracker.Increment();
        lock (_lock)
        {
            if (_workerActive || _status != ActivationStatus.Valid || _deactivation is not null || HasContinuationsLocked
                || HasRequestsLocked || (_running != 0 && !interleave && !ClassInfo.IsReentrant))
            {
                _runtime.Tracker.Decrement();
                return null;
            }

            _workerActive = true;
            _running++;
        }

        return InvokeClaimed(request, interleave, invoke, wrap, _runtime.Metrics.Timestamp());
    }

    /// <summary>Runs a call on this thread, which holds the worker and has counted the call as running and outstanding.</summary>
    private Task InvokeClaimed<TRequest>(TRequest request, bool interleave, Func<TRequest, object, Task> invoke, Func<TRequest, bool, (RequestWorkItem Item, Task CallerTask)> wrap, long start)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        Task task;
        try
        {
            // The invoke delegate turns a synchronous throw into a faulted task of the caller's type.
            task = invoke(request, _grain!);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Task result;
        bool schedule;
        if (task.IsCompleted)
        {
            lock (_lock)
            {
                _running--;
                _touched = true;
                schedule = HasRunnableLocked();
                _workerActive = schedule;
            }

            _runtime.Metrics.RecordCall(ClassInfo, ((GrainRequest)(object)request!).Descriptor, start, !task.IsCompletedSuccessfully);
            result = task;
        }
        else
        {
            var (item, callerTask) = wrap(request, interleave);
            if (start != 0)
            {
                // Latency from the call itself when metrics are on; otherwise the item's own timestamp serves the timeout.
                item.StartTimestamp = start;
            }
            lock (_lock)
            {
                LinkLocked(item);
            }

            item.CompleteWhenDone(this, task);
            lock (_lock)
            {
                schedule = HasRunnableLocked();
                _workerActive = schedule;
            }

            result = callerTask;
        }

        if (schedule)
        {
            _runtime.Scheduler.Schedule(this);
        }

        _runtime.Tracker.Decrement();
        return result;
    }

    public void Execute()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            for (var turn = 0; turn < TurnsPerWorkItem; turn++)
            {
                (SendOrPostCallback? Callback, object? State) continuation = default;
                RequestWorkItem? request = null;
                lock (_lock)
                {
                    if (_continuations is { Count: > 0 })
                    {
                        continuation = _continuations.Dequeue();
                    }
                    else
                    {
                        request = TakeRunnableRequestLocked();
                        if (request is null)
                        {
                            _workerActive = false;
                            return;
                        }
                    }
                }

                if (request is null)
                {
                    RunContinuation(continuation.Callback!, continuation.State);
                }
                else
                {
                    RunRequest(request);
                }

                _runtime.Tracker.Decrement();
            }

            bool more;
            lock (_lock)
            {
                more = HasRunnableLocked();
                _workerActive = more;
            }

            if (more)
            {
                _runtime.Scheduler.Schedule(this);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Called when a started request's task completes, on whatever thread completed it.</summary>
    public void OnRequestFinished(RequestWorkItem item, Task finished)
    {
        bool schedule;
        lock (_lock)
        {
            _running--;
            UnlinkLocked(item);
            if (item.HasCaller)
            {
                _touched = true;
            }

            schedule = !_workerActive && HasRunnableLocked();
            if (schedule)
            {
                _workerActive = true;
            }
        }

        if (schedule)
        {
            _runtime.Scheduler.Schedule(this);
        }

        if (item.Descriptor is { } descriptor)
        {
            _runtime.Metrics.RecordCall(ClassInfo, descriptor, item.StartTimestamp, !finished.IsCompletedSuccessfully);
        }

        // The caller's continuation must not run inside this activation's context.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            item.Complete(finished);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void RunRequest(RequestWorkItem item)
    {
        Task task;
        try
        {
            task = item.Start(this);
        }
        catch (Exception exception)
        {
            task = Task.FromException(exception);
        }

        if (task.IsCompleted)
        {
            OnRequestFinished(item, task);
        }
        else
        {
            item.CompleteWhenDone(this, task);
        }
    }

    private void RunContinuation(SendOrPostCallback callback, object? state)
    {
        try
        {
            callback(state);
        }
        catch (Exception exception)
        {
            _runtime.Log.ContinuationFailed(exception, GrainId);
        }
    }

    private RequestWorkItem? TakeRunnableRequestLocked()
    {
        if (_running == 0 && _lifecycle is { } lifecycle)
        {
            _lifecycle = null;
            _running++;
            return lifecycle;
        }

        if (_status != ActivationStatus.Valid)
        {
            return null;
        }

        if (_deactivation is not null)
        {
            if (_running != 0)
            {
                return null;
            }

            _status = ActivationStatus.Deactivating;
            _running++;
            return LifecycleWorkItem.Deactivate;
        }

        if (_firstCall is { } first)
        {
            if (_running != 0 && !first.Interleave && !ClassInfo.IsReentrant)
            {
                return null;
            }

            _firstCall = null;
            _running++;
            return first;
        }

        if (_requests is not null && _requests.TryPeek(out var head) && (_running == 0 || head.Interleave || ClassInfo.IsReentrant))
        {
            _requests.Dequeue();
            _running++;
            return head;
        }

        return null;
    }

    private bool HasRunnableLocked()
    {
        if (HasContinuationsLocked || (_running == 0 && _lifecycle is not null))
        {
            return true;
        }

        if (_status != ActivationStatus.Valid)
        {
            return false;
        }

        if (_deactivation is not null)
        {
            return _running == 0;
        }

        var next = _firstCall ?? (_requests is not null && _requests.TryPeek(out var head) ? head : null);
        return next is not null && (_running == 0 || next.Interleave || ClassInfo.IsReentrant);
    }

    private bool HasRequestsLocked => _firstCall is not null || _requests is { Count: > 0 };

    private bool HasContinuationsLocked => _continuations is { Count: > 0 };

    private void LinkLocked(RequestWorkItem item)
    {
        item.IsLinked = true;
        item.PrevPending = null;
        item.NextPending = _pendingHead;
        if (_pendingHead is not null)
        {
            _pendingHead.PrevPending = item;
        }

        _pendingHead = item;
    }

    private void UnlinkLocked(RequestWorkItem item)
    {
        if (!item.IsLinked)
        {
            return;
        }

        item.IsLinked = false;
        if (item.PrevPending is not null)
        {
            item.PrevPending.NextPending = item.NextPending;
        }
        else
        {
            _pendingHead = item.NextPending;
        }

        if (item.NextPending is not null)
        {
            item.NextPending.PrevPending = item.PrevPending;
        }

        item.PrevPending = null;
        item.NextPending = null;
    }

    /// <summary>Adds the calls that have waited longer than the response timeout to <paramref name="expired"/>.</summary>
    public void CollectExpiredCalls(long startedBefore, List<RequestWorkItem> expired)
    {
        // Most activations have no waiting call: skip their lock. A call linked after this read is seen by the next sweep.
        if (Volatile.Read(ref _pendingHead) is null)
        {
            return;
        }

        lock (_lock)
        {
            for (var item = _pendingHead; item is not null;)
            {
                var next = item.NextPending;
                if (item.StartTimestamp < startedBefore)
                {
                    UnlinkLocked(item);
                    expired.Add(item);
                }

                item = next;
            }
        }
    }
}
