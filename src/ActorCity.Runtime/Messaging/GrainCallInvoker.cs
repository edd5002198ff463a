using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<Type, (string GrainType, GrainReferenceActivator Activator)> _interfaces = new();

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
        var (grainType, activator) = _interfaces.GetOrAdd(
            typeof(TGrainInterface),
            static (type, registry) => (registry.GetClassForInterface(type).GrainType, registry.GetReferenceActivator(type)),
            runtime.Registry);
        return (TGrainInterface)(object)activator(this, new GrainId(grainType, key));
    }

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        if (runtime.Scheduler is DeterministicWorkScheduler { IsRunnerThread: false } deterministic)
        {
            return deterministic.RunExclusive(static s => s.Invoker.Invoke(s.Target, s.Request), (Invoker: this, Target: target, Request: request));
        }

        return Invoke(target, request);
    }

    public Task InvokeAsync(GrainReference target, GrainVoidRequest request)
    {
        if (runtime.Scheduler is DeterministicWorkScheduler { IsRunnerThread: false } deterministic)
        {
            return deterministic.RunExclusive(static s => s.Invoker.Invoke(s.Target, s.Request), (Invoker: this, Target: target, Request: request));
        }

        return Invoke(target, request);
    }

    private Task<TResult> Invoke<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var activation = Resolve(target);
        var interleave = request.Descriptor.AlwaysInterleave;
        var inline = activation.TryInvokeInline(
            request,
            interleave,
            static (r, grain) =>
            {
                try
                {
                    return r.Invoke(grain);
                }
                catch (Exception exception)
                {
                    return Task.FromException<TResult>(exception);
                }
            },
            static (r, i) =>
            {
                var item = new CallWorkItem<TResult>(r, i);
                return (item, item.Task);
            });
        if (inline is not null)
        {
            return (Task<TResult>)inline;
        }

        var call = new CallWorkItem<TResult>(request, interleave);
        Dispatch(target, activation, call);
        return call.Task;
    }

    private Task Invoke(GrainReference target, GrainVoidRequest request)
    {
        var activation = Resolve(target);
        var interleave = request.Descriptor.AlwaysInterleave;
        var inline = activation.TryInvokeInline(
            request,
            interleave,
            static (r, grain) =>
            {
                try
                {
                    return r.Invoke(grain);
                }
                catch (Exception exception)
                {
                    return Task.FromException(exception);
                }
            },
            static (r, i) =>
            {
                var item = new VoidCallWorkItem(r, i);
                return (item, item.Task);
            });
        if (inline is not null)
        {
            return inline;
        }

        var call = new VoidCallWorkItem(request, interleave);
        Dispatch(target, activation, call);
        return call.Task;
    }

    private void Dispatch(GrainReference target, ActivationData activation, RequestWorkItem item)
    {
        while (!activation.TryEnqueue(item))
        {
            target.CachedTarget = null;
            activation = Resolve(target);
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

    private ActivationData Resolve(GrainReference target)
    {
        if (target.CachedTarget is ActivationData cached && cached.IsUsable)
        {
            return cached;
        }

        var classInfo = runtime.Registry.GetClass(target.GrainId.Type);
        var activation = runtime.Catalog.GetOrCreate(target.GrainId, classInfo);
        if (!classInfo.IsStatelessWorker)
        {
            target.CachedTarget = activation;
        }

        return activation;
    }
}

/// <summary>A reference the runtime makes for its own calls (reminder ticks), with no generated interface behind it.</summary>
internal sealed class SystemGrainReference(IGrainCallInvoker invoker, GrainId grainId) : GrainReference(invoker, grainId)
{
    public Task InvokeAsync(GrainVoidRequest request) => Invoker.InvokeAsync(this, request);
}
