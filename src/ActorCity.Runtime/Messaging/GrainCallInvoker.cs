using System.Globalization;
using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Invocation;
using ActorCity.Runtime.Scheduler;

namespace ActorCity.Runtime.Messaging;

/// <summary>
/// The silo's grain factory and call path: resolves a reference to its activation (cached on the reference),
/// runs the call inline when the activation is idle, and queues it otherwise.
/// </summary>
internal sealed class GrainCallInvoker(SiloRuntime runtime) : IGrainCallInvoker, IGrainFactory
{
    private readonly Lock _interfacesLock = new();

    // Indexed by InterfaceSlot<T>.Index: a grain interface's type and reference activator without a lookup keyed by Type.
    private InterfaceEntry?[] _interfaces = [];

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(primaryKey);
        return Create<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(primaryKey.ToString(CultureInfo.InvariantCulture));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(primaryKey.ToString("N"));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain =>
        (TGrainInterface)(object)runtime.Registry.GetReferenceActivator(typeof(TGrainInterface))(this, grainId);

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var slot = InterfaceSlot<TGrainInterface>.Index;
        var interfaces = Volatile.Read(ref _interfaces);
        var (grainType, activator) = (slot < interfaces.Length ? interfaces[slot] : null) ?? AddInterface(typeof(TGrainInterface), slot);
        var grainId = new GrainId(grainType, key);

        // A live activation shares one reference per grain: the catalog lookup is one the first call would make
        // anyway, and the shared reference already knows its activation, so its calls skip that lookup.
        var activation = runtime.Catalog.FindWithoutLock(grainId);
        if (activation?.SharedReference is TGrainInterface shared)
        {
            return shared;
        }

        var reference = activator(this, grainId);
        if (activation is not null)
        {
            reference.CachedTarget = activation;
            activation.SharedReference = reference;
        }

        return (TGrainInterface)(object)reference;
    }

    private InterfaceEntry AddInterface(Type type, int slot)
    {
        var registry = runtime.Registry;
        var entry = new InterfaceEntry(registry.GetClassForInterface(type).GrainType, registry.GetReferenceActivator(type));
        lock (_interfacesLock)
        {
            var interfaces = _interfaces;
            if (slot >= interfaces.Length)
            {
                Array.Resize(ref interfaces, Math.Max(slot + 1, interfaces.Length * 2));
            }

            interfaces[slot] = entry;
            Volatile.Write(ref _interfaces, interfaces);
        }

        return entry;
    }

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request) =>
        (Task<TResult>)Enter(target, request, CallShape.Of<TResult>.Value);

    public Task InvokeAsync(GrainReference target, GrainVoidRequest request) => Enter(target, request, CallShape.Void);

    /// <summary>
    /// Only for a reference that already knows its live activation. A call from outside a deterministic silo enters its
    /// run loop first, as <see cref="Enter{TRequest}"/> would, and leaves it (draining what the call caused) at the end.
    /// </summary>
    public InlineCall BeginInline(GrainReference target, GrainMethodDescriptor method)
    {
        if (target.CachedTarget is not ActivationData activation)
        {
            return default;
        }

        if (runtime.Scheduler is not DeterministicWorkScheduler { IsRunnerThread: false } deterministic)
        {
            return activation.TryBeginInline(method);
        }

        deterministic.EnterRunLoop();
        var call = activation.TryBeginInline(method);
        if (call.Grain is null)
        {
            deterministic.ExitRunLoop();
            return default;
        }

        return call.FromOutsideRunLoop();
    }

    public Task<TResult> EndInline<TResult>(in InlineCall call, Task<TResult> task)
    {
        try
        {
            return ((ActivationData)call.Activation!).EndInline(call, task);
        }
        finally
        {
            if (call.EnteredRunLoop)
            {
                ((DeterministicWorkScheduler)runtime.Scheduler).ExitRunLoop();
            }
        }
    }

    public Task EndInline(in InlineCall call, Task task)
    {
        try
        {
            return ((ActivationData)call.Activation!).EndInline(call, task);
        }
        finally
        {
            if (call.EnteredRunLoop)
            {
                ((DeterministicWorkScheduler)runtime.Scheduler).ExitRunLoop();
            }
        }
    }

    public ValueTask<TResult> EndInline<TResult>(in InlineCall call, ValueTask<TResult> task)
    {
        if (!task.IsCompleted)
        {
            return new ValueTask<TResult>(EndInline(call, task.AsTask()));
        }

        EndCompletedInline(call, !task.IsCompletedSuccessfully);
        return task;
    }

    public ValueTask EndInline(in InlineCall call, ValueTask task)
    {
        if (!task.IsCompleted)
        {
            return new ValueTask(EndInline(call, task.AsTask()));
        }

        EndCompletedInline(call, !task.IsCompletedSuccessfully);
        return task;
    }

    /// <summary>An inline call whose grain returned a completed value task: the turn ends here, with nothing allocated.</summary>
    private void EndCompletedInline(in InlineCall call, bool failed)
    {
        try
        {
            ((ActivationData)call.Activation!).EndCompletedInline(call, failed);
        }
        finally
        {
            if (call.EnteredRunLoop)
            {
                ((DeterministicWorkScheduler)runtime.Scheduler).ExitRunLoop();
            }
        }
    }

    /// <summary>A call from outside a deterministic silo enters its run loop; every other call is sent directly.</summary>
    private Task Enter<TRequest>(GrainReference target, TRequest request, CallShape<TRequest> shape)
        where TRequest : GrainRequest
    {
        if (runtime.Scheduler is DeterministicWorkScheduler { IsRunnerThread: false } deterministic)
        {
            return deterministic.RunExclusive(static s => s.Invoker.Send(s.Target, s.Request, s.Shape), (Invoker: this, Target: target, Request: request, Shape: shape));
        }

        return Send(target, request, shape);
    }

    private Task Send<TRequest>(GrainReference target, TRequest request, CallShape<TRequest> shape)
        where TRequest : GrainRequest
    {
        var activation = Resolve(target, out var created);
        var interleave = request.Descriptor.AlwaysInterleave;
        if (created)
        {
            return activation.StartWithCall(request, interleave, shape.Invoke, shape.Wrap);
        }

        if (activation.TryInvokeInline(request, interleave, shape.Invoke, shape.Wrap) is { } inline)
        {
            return inline;
        }

        var (item, callerTask) = shape.Wrap(request, interleave);
        Dispatch(target, activation, item);
        return callerTask;
    }

    private void Dispatch(GrainReference target, ActivationData activation, RequestWorkItem item)
    {
        while (!activation.TryEnqueue(item))
        {
            target.CachedTarget = null;
            activation = Resolve(target, out var created);
            if (created)
            {
                activation.Start();
            }
        }
    }

    /// <summary>Sends a call left behind by a deactivated activation to the grain's next activation.</summary>
    public void Redispatch(GrainId grainId, RequestWorkItem item)
    {
        var classInfo = runtime.Registry.GetClass(grainId.Type);
        while (!runtime.Catalog.GetOrCreate(grainId, classInfo).TryEnqueue(item))
        {
        }
    }

    /// <summary>The target's activation; a new one comes back unstarted, with <paramref name="created"/> set.</summary>
    private ActivationData Resolve(GrainReference target, out bool created)
    {
        created = false;
        if (target.CachedTarget is ActivationData cached && cached.IsUsable)
        {
            return cached;
        }

        var classInfo = runtime.Registry.GetClass(target.GrainId.Type);
        var activation = runtime.Catalog.GetOrAdd(target.GrainId, classInfo, out created);
        if (!classInfo.IsStatelessWorker)
        {
            target.CachedTarget = activation;
            // The first reference to reach the activation becomes the one it shares (see Create): a reminder tick then
            // reuses it instead of making a reference per tick, and later GetGrain calls return it.
            activation.SharedReference ??= target;
        }

        return activation;
    }
}

internal sealed record InterfaceEntry(string GrainType, GrainReferenceActivator Activator);

/// <summary>A number per grain interface type, given on first use, that indexes per-invoker caches.</summary>
internal static class InterfaceSlot
{
    private static int s_next = -1;

    public static int Next() => Interlocked.Increment(ref s_next);
}

internal static class InterfaceSlot<TGrainInterface>
{
    public static readonly int Index = InterfaceSlot.Next();
}

/// <summary>How to run one kind of request inline and how to queue it; one shared instance per result type.</summary>
internal sealed record CallShape<TRequest>(
    Func<TRequest, object, Task> Invoke,
    Func<TRequest, bool, (RequestWorkItem Item, Task CallerTask)> Wrap);

internal static class CallShape
{
    public static readonly CallShape<GrainVoidRequest> Void = new(
        static (request, grain) =>
        {
            try
            {
                return request.Invoke(grain);
            }
            catch (Exception exception)
            {
                // A synchronous throw reaches the caller as a faulted task, like one thrown after an await.
                return Task.FromException(exception);
            }
        },
        static (request, interleave) =>
        {
            var item = new VoidCallWorkItem(request, interleave);
            return (item, item.Task);
        });

    public static class Of<TResult>
    {
        public static readonly CallShape<GrainRequest<TResult>> Value = new(
            static (request, grain) =>
            {
                try
                {
                    return request.Invoke(grain);
                }
                catch (Exception exception)
                {
                    return Task.FromException<TResult>(exception);
                }
            },
            static (request, interleave) =>
            {
                var item = new CallWorkItem<TResult>(request, interleave);
                return (item, item.Task);
            });
    }
}

/// <summary>A reference the runtime makes for its own calls (reminder ticks), with no generated interface behind it.</summary>
internal sealed class SystemGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId)
{
    public Task InvokeAsync(GrainVoidRequest request) => Invoker.InvokeAsync(this, request);
}
