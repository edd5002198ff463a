using System.Diagnostics;
using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Invocation;

namespace ActorCity.Runtime.Messaging;

/// <summary>
/// One unit of grain work that occupies the activation until its task completes: a call, a timer tick or a
/// lifecycle step. Pending calls are linked into their activation's list so the timeout sweeper can find them.
/// </summary>
internal abstract class RequestWorkItem
{
    private ActivationData? _activation;

    /// <summary>How many times a call may pass from a deactivated activation to the next one (Orleans' default is 2).</summary>
    internal const int MaxForwards = 2;

    internal RequestWorkItem? PrevPending;
    internal RequestWorkItem? NextPending;
    internal bool IsLinked;

    /// <summary>How many deactivated activations have passed this call on.</summary>
    internal int Forwards;

    /// <summary>When the call was made, on the wall-clock <see cref="Stopwatch"/> (timeouts and latency).</summary>
    public long StartTimestamp { get; set; } = Stopwatch.GetTimestamp();

    /// <summary>True when the item may start while other requests of the activation are in flight.</summary>
    public abstract bool Interleave { get; }

    /// <summary>True for calls with a waiting caller (subject to the response timeout).</summary>
    public virtual bool HasCaller => true;

    public virtual GrainMethodDescriptor? Descriptor => null;

    public abstract Task Start(ActivationData activation);

    /// <summary>Passes the finished task's outcome to the caller.</summary>
    public abstract void Complete(Task finished);

    /// <summary>Fails the caller without running the grain (activation failure, timeout).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>
    /// Finishes the request when the grain's task completes, on the thread that completes it. An awaiter callback would
    /// be sent to the thread pool whenever the task completes inside a grain's synchronization context, which would let
    /// the completion escape the deterministic run loop; a synchronous continuation does not.
    /// </summary>
    public virtual void CompleteWhenDone(ActivationData activation, Task running)
    {
        _activation = activation;
        running.ContinueWith(
            static (finished, state) =>
            {
                var item = (RequestWorkItem)state!;
                item._activation!.OnRequestFinished(item, finished);
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public override string ToString() => Descriptor?.ToString() ?? GetType().Name;
}

/// <summary>A call returning a value.</summary>
internal sealed class CallWorkItem<TResult> : RequestWorkItem
{
    private readonly TaskCompletionSource<TResult> _completion = new();
    // Null for a call begun inline by a generated proxy: it is never started from the queue.
    private readonly GrainRequest<TResult>? _request;

    public CallWorkItem(GrainRequest<TResult> request, bool interleave)
        : this(request.Descriptor, interleave) => _request = request;

    /// <summary>A call a proxy began inline whose grain task did not complete: this item finishes it.</summary>
    public CallWorkItem(GrainMethodDescriptor descriptor, bool interleave)
    {
        Descriptor = descriptor;
        Interleave = interleave;
    }

    public Task<TResult> Task => _completion.Task;

    public override bool Interleave { get; }

    public override GrainMethodDescriptor Descriptor { get; }

    public override Task Start(ActivationData activation) =>
        (_request ?? throw new InvalidOperationException($"{Descriptor} began inline and cannot be started again.")).Invoke(activation.GrainInstance);

    public override void Complete(Task finished)
    {
        if (finished.IsCompletedSuccessfully)
        {
            _completion.TrySetResult(((Task<TResult>)finished).Result);
        }
        else if (finished.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetException(finished.Exception!.InnerExceptions);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>A call returning no value.</summary>
internal sealed class VoidCallWorkItem : RequestWorkItem
{
    private readonly TaskCompletionSource _completion = new();
    // Null for a call begun inline by a generated proxy: it is never started from the queue.
    private readonly GrainVoidRequest? _request;

    public VoidCallWorkItem(GrainVoidRequest request, bool interleave)
        : this(request.Descriptor, interleave) => _request = request;

    /// <summary>A call a proxy began inline whose grain task did not complete: this item finishes it.</summary>
    public VoidCallWorkItem(GrainMethodDescriptor descriptor, bool interleave)
    {
        Descriptor = descriptor;
        Interleave = interleave;
    }

    public Task Task => _completion.Task;

    public override bool Interleave { get; }

    public override GrainMethodDescriptor Descriptor { get; }

    public override Task Start(ActivationData activation) =>
        (_request ?? throw new InvalidOperationException($"{Descriptor} began inline and cannot be started again.")).Invoke(activation.GrainInstance);

    public override void Complete(Task finished)
    {
        if (finished.IsCompletedSuccessfully)
        {
            _completion.TrySetResult();
        }
        else if (finished.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetException(finished.Exception!.InnerExceptions);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>
/// Activation or deactivation of the grain: runs before (or after) every call, never interleaved. Holds no per-activation
/// data, so one instance of each step serves every activation.
/// </summary>
internal sealed class LifecycleWorkItem : RequestWorkItem
{
    public static readonly LifecycleWorkItem Activate = new(static activation => activation.ActivateAsync(), "activate");

    public static readonly LifecycleWorkItem Deactivate = new(static activation => activation.DeactivateAsync(), "deactivate");

    private readonly Func<ActivationData, Task> _step;
    private readonly string _name;
    private readonly Action<Task, object?> _onFinished;

    private LifecycleWorkItem(Func<ActivationData, Task> step, string name)
    {
        _step = step;
        _name = name;
        _onFinished = (finished, state) => ((ActivationData)state!).OnRequestFinished(this, finished);
    }

    public override bool Interleave => false;

    public override bool HasCaller => false;

    public override Task Start(ActivationData activation) => _step(activation);

    /// <summary>The activation travels as the continuation's state: a shared item cannot remember it.</summary>
    public override void CompleteWhenDone(ActivationData activation, Task running) =>
        running.ContinueWith(_onFinished, activation, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    public override void Complete(Task finished)
    {
    }

    public override void Fail(Exception exception)
    {
    }

    public override string ToString() => _name;
}
