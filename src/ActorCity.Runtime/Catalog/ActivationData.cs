using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Invocation;
using ActorCity.Runtime.Messaging;
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
/// they may interleave). Only one thread runs the activation at a time: the thread that claimed <c>_worker</c>.
/// <para>
/// The activation is its own synchronization context and its own monitor (<c>lock (this)</c>; nothing outside this
/// class locks it): a live silo holds 100,000 activations for a whole run, and a separate context and lock object
/// each would be two more objects for every full collection to mark.
/// </para>
/// </summary>
internal sealed partial class ActivationData : SynchronizationContext, IGrainContext, IThreadPoolWorkItem
{
    private const int TurnsPerWorkItem = 64;

    // Made on first use: most activations run every call inline and never queue, and a live silo holds many of them.
    private Queue<RequestWorkItem>? _requests;
    private Queue<(SendOrPostCallback Callback, object? State)>? _continuations;
    private readonly SiloRuntime _runtime;
    private RequestWorkItem? _lifecycle;
    // The call that created the activation when it had to wait for activation: it runs before anything queued meanwhile.
    private RequestWorkItem? _firstCall;
    private RequestWorkItem? _pendingHead;
    // Requests started and not finished. Changed with Interlocked: the inline path changes it without the lock.
    private int _running;
    // 1 while a thread owns the activation's turn (TryClaimWorker); released by that thread only.
    private int _worker;
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
        TableHash = grainId.GetHashCode();
        ClassInfo = classInfo;

        // Claimed by its creator until Start or StartWithCall: a call that finds it first in the catalog is queued.
        _worker = 1;
    }

    public GrainId GrainId { get; }

    /// <summary>The grain id's hash, computed once: the catalog's table files the activation under it.</summary>
    internal int TableHash { get; }

    /// <summary>The next activation in the catalog table's bucket (<see cref="ActivationTable"/>); written under its lock.</summary>
    internal ActivationData? NextInTable;

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

    /// <summary>Grain code's continuations come back to the activation's mailbox: that keeps its turns single-threaded.</summary>
    public override void Post(SendOrPostCallback d, object? state) => EnqueueContinuation(d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send onto a grain activation would block its turn; use Post.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Queued requests, for the queue-length metric.</summary>
    public int QueueLength
    {
        get
        {
            lock (this)
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
            lock (this)
            {
                return Volatile.Read(ref _worker) == 0 && _running == 0 && !HasRequestsLocked && !HasContinuationsLocked;
            }
        }
    }

    /// <summary>Starts activation: construct the grain, read its state, run OnActivateAsync. Called once, by the catalog.</summary>
    public void Start()
    {
        _lastActiveTicks = _runtime.GrainClock.GetUtcNow().UtcTicks;
        _runtime.Tracker.Increment();
        lock (this)
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
        Interlocked.Increment(ref _running);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(this);
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
            // As in TryInvokeInline, this thread holds the worker: calls made meanwhile are queued, and seen here.
            if (_status == ActivationStatus.Valid && _deactivation is null && !HasContinuationsLocked && !HasRequestsLocked)
            {
                return InvokeClaimed(request, interleave, invoke, wrap, start);
            }

            Interlocked.Decrement(ref _running);
            // ActivateAsync catches every failure and returns it; a faulted task would be a runtime bug, reported the same way.
            var failure = activation.IsCompletedSuccessfully ? activation.Result : activation.Exception!.InnerException;
            if (failure is not null)
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
        lock (this)
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

    /// <summary>Claims the activation's turn for this thread; false when another thread holds it.</summary>
    private bool TryClaimWorker() => Interlocked.CompareExchange(ref _worker, 1, 0) == 0;

    /// <summary>Ends this thread's turn, or schedules the next one when work became runnable meanwhile.</summary>
    private void ReleaseWorker()
    {
        bool schedule;
        lock (this)
        {
            schedule = HasRunnableLocked();
            if (!schedule)
            {
                Volatile.Write(ref _worker, 0);
            }
        }

        if (schedule)
        {
            _runtime.Scheduler.Schedule(this);
        }
    }

    /// <summary>
    /// <see cref="ReleaseWorker"/> without the lock when nothing waits, the common case after an inline call. A producer
    /// queues under the lock and then tries to claim the worker; this thread releases and then looks at the queues. Both
    /// steps are full fences, so either the producer's claim succeeds (and it schedules) or this look sees its work.
    /// </summary>
    private void ReleaseWorkerAfterInline()
    {
        Interlocked.Exchange(ref _worker, 0);
        if ((_requests is { Count: > 0 } || _continuations is { Count: > 0 } || _deactivation is not null) && TryClaimWorker())
        {
            ReleaseWorker();
        }
    }

    /// <summary>Queues a request; false when the activation is gone and the caller must resolve a new one.</summary>
    public bool TryEnqueue(RequestWorkItem item)
    {
        _runtime.Tracker.Increment();
        bool schedule;
        lock (this)
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

            schedule = HasRunnableLocked() && TryClaimWorker();
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
        lock (this)
        {
            (_continuations ??= new()).Enqueue((callback, state));
            schedule = TryClaimWorker();
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
    public Task? TryInvokeInline<TRequest>(TRequest request, bool interleave, Func<TRequest, object, Task> invoke, Func<TRequest, bool, (RequestWorkItem Item, Task CallerTask)> wrap) =>
        TryClaimForInline(interleave) ? InvokeClaimed(request, interleave, invoke, wrap, _runtime.Metrics.Timestamp()) : null;

    /// <summary>
    /// Starts a call that a generated proxy makes on the grain itself (no request object): claims the activation and
    /// enters its context. The proxy hands the grain's task to <see cref="EndInline{TResult}"/> or <see cref="EndInline"/>.
    /// </summary>
    internal InlineCall TryBeginInline(GrainMethodDescriptor method)
    {
        if (!TryClaimForInline(method.AlwaysInterleave))
        {
            return default;
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(this);
        return new InlineCall(_grain!, this, previous, method, _runtime.Metrics.Timestamp());
    }

    internal Task<TResult> EndInline<TResult>(in InlineCall call, Task<TResult> task)
    {
        SynchronizationContext.SetSynchronizationContext(call.PreviousContext);
        if (task.IsCompleted)
        {
            EndCompletedInline(call.Method!, call.StartTimestamp, !task.IsCompletedSuccessfully);
            return task;
        }

        var item = new CallWorkItem<TResult>(call.Method!, call.Method!.AlwaysInterleave);
        ContinueInlineAsRequest(item, task, call.StartTimestamp);
        return item.Task;
    }

    internal Task EndInline(in InlineCall call, Task task)
    {
        SynchronizationContext.SetSynchronizationContext(call.PreviousContext);
        if (task.IsCompleted)
        {
            EndCompletedInline(call.Method!, call.StartTimestamp, !task.IsCompletedSuccessfully);
            return task;
        }

        var item = new VoidCallWorkItem(call.Method!, call.Method!.AlwaysInterleave);
        ContinueInlineAsRequest(item, task, call.StartTimestamp);
        return item.Task;
    }

    /// <summary>Claims the worker for a call on this thread and counts it as running; false when it must be queued.</summary>
    private bool TryClaimForInline(bool interleave)
    {
        // Counted before the activation is claimed, so quiescence is never observed while this turn runs.
        _runtime.Tracker.Increment();
        if (!TryClaimWorker())
        {
            _runtime.Tracker.Decrement();
            return false;
        }

        // No lock: with the worker claimed, the status and the running count change only on this thread (other threads
        // only lower the count), and work queued meanwhile is found when the worker is released.
        if (_status != ActivationStatus.Valid || _deactivation is not null || HasContinuationsLocked || HasRequestsLocked
            || (Volatile.Read(ref _running) != 0 && !interleave && !ClassInfo.IsReentrant))
        {
            ReleaseWorker();
            _runtime.Tracker.Decrement();
            return false;
        }

        Interlocked.Increment(ref _running);
        return true;
    }

    /// <summary>Runs a call on this thread, which holds the worker and has counted the call as running and outstanding.</summary>
    private Task InvokeClaimed<TRequest>(TRequest request, bool interleave, Func<TRequest, object, Task> invoke, Func<TRequest, bool, (RequestWorkItem Item, Task CallerTask)> wrap, long start)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(this);
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

        if (task.IsCompleted)
        {
            EndCompletedInline(((GrainRequest)(object)request!).Descriptor, start, !task.IsCompletedSuccessfully);
            return task;
        }

        var (item, callerTask) = wrap(request, interleave);
        ContinueInlineAsRequest(item, task, start);
        return callerTask;
    }

    /// <summary>An inline call whose grain returned a completed value task: the turn ends here and the caller gets that task.</summary>
    internal void EndCompletedInline(in InlineCall call, bool failed)
    {
        SynchronizationContext.SetSynchronizationContext(call.PreviousContext);
        EndCompletedInline(call.Method!, call.StartTimestamp, failed);
    }

    /// <summary>An inline call whose grain task completed: the turn ends here and the caller gets that task.</summary>
    private void EndCompletedInline(GrainMethodDescriptor method, long start, bool failed)
    {
        Interlocked.Decrement(ref _running);
        _touched = true;
        ReleaseWorkerAfterInline();
        _runtime.Metrics.RecordCall(ClassInfo, method, start, failed);
        _runtime.Tracker.Decrement();
    }

    /// <summary>An inline call still running: <paramref name="item"/> finishes it when the grain's task completes.</summary>
    private void ContinueInlineAsRequest(RequestWorkItem item, Task task, long start)
    {
        if (start != 0)
        {
            // Latency from the call itself when metrics are on; otherwise the item's own timestamp serves the timeout.
            item.StartTimestamp = start;
        }

        lock (this)
        {
            LinkLocked(item);
        }

        item.CompleteWhenDone(this, task);
        ReleaseWorker();
        _runtime.Tracker.Decrement();
    }

    public void Execute()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(this);
        try
        {
            for (var turn = 0; turn < TurnsPerWorkItem; turn++)
            {
                (SendOrPostCallback? Callback, object? State) continuation = default;
                RequestWorkItem? request = null;
                lock (this)
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
                            Volatile.Write(ref _worker, 0);
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
            lock (this)
            {
                more = HasRunnableLocked();
                if (!more)
                {
                    Volatile.Write(ref _worker, 0);
                }
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
        lock (this)
        {
            Interlocked.Decrement(ref _running);
            UnlinkLocked(item);
            if (item.HasCaller)
            {
                _touched = true;
            }

            schedule = HasRunnableLocked() && TryClaimWorker();
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
            Interlocked.Increment(ref _running);
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
            Interlocked.Increment(ref _running);
            return LifecycleWorkItem.Deactivate;
        }

        if (_firstCall is { } first)
        {
            if (_running != 0 && !first.Interleave && !ClassInfo.IsReentrant)
            {
                return null;
            }

            _firstCall = null;
            Interlocked.Increment(ref _running);
            return first;
        }

        if (_requests is not null && _requests.TryPeek(out var head) && (_running == 0 || head.Interleave || ClassInfo.IsReentrant))
        {
            _requests.Dequeue();
            Interlocked.Increment(ref _running);
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

        lock (this)
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
