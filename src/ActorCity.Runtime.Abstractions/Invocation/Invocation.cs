using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace ActorCity.Runtime.Invocation;

/// <summary>How the runtime schedules a method's calls.</summary>
[Flags]
public enum GrainMethodOptions
{
    None = 0,

    /// <summary>The method carries <see cref="Concurrency.AlwaysInterleaveAttribute"/>.</summary>
    AlwaysInterleave = 1,
}

/// <summary>One grain interface method, described once per method by generated code (metrics and scheduling read it).</summary>
public sealed class GrainMethodDescriptor(Type interfaceType, string methodName, GrainMethodOptions options)
{
    public Type InterfaceType { get; } = interfaceType;

    public string MethodName { get; } = methodName;

    public GrainMethodOptions Options { get; } = options;

    public bool AlwaysInterleave => (Options & GrainMethodOptions.AlwaysInterleave) != 0;

    /// <summary>Slot the runtime uses to cache per-method data (metric tags); not for grain code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object? RuntimeData { get; set; }

    public override string ToString() => $"{InterfaceType.Name}.{MethodName}";
}

/// <summary>A call's arguments, captured by a generated request class that also knows how to invoke the grain.</summary>
public abstract class GrainRequest
{
    public abstract GrainMethodDescriptor Descriptor { get; }
}

/// <summary>A call to a method returning <see cref="Task{TResult}"/> or <see cref="ValueTask{TResult}"/>.</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    public abstract Task<TResult> Invoke(object grain);
}

/// <summary>A call to a method returning <see cref="Task"/> or <see cref="ValueTask"/>.</summary>
public abstract class GrainVoidRequest : GrainRequest
{
    public abstract Task Invoke(object grain);
}

/// <summary>Sends requests from references to activations. Implemented by the runtime.</summary>
public interface IGrainCallInvoker
{
    Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request);

    Task InvokeAsync(GrainReference target, GrainVoidRequest request);

    /// <summary>
    /// For generated proxies: starts the call on the caller's thread when the target's activation is known and idle, so
    /// the proxy calls the grain directly and no request object is made. <see cref="InlineCall.Grain"/> is null when the
    /// call must be sent as a request instead; otherwise the proxy must call the grain and pass its task to
    /// <see cref="EndInline{TResult}"/> or <see cref="EndInline"/>, on this thread, before anything else.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    InlineCall BeginInline(GrainReference target, GrainMethodDescriptor method) => default;

    /// <summary>Ends a call begun by <see cref="BeginInline"/>; returns what the caller awaits.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    Task<TResult> EndInline<TResult>(in InlineCall call, Task<TResult> task) => task;

    /// <summary>Ends a call begun by <see cref="BeginInline"/>; returns what the caller awaits.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    Task EndInline(in InlineCall call, Task task) => task;

    /// <summary>
    /// Ends a call begun by <see cref="BeginInline"/> to a method returning <see cref="ValueTask{TResult}"/>; returns what
    /// the caller awaits. A call that completed on this thread is handed back as it is, so it allocates nothing.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    ValueTask<TResult> EndInline<TResult>(in InlineCall call, ValueTask<TResult> task) => task;

    /// <summary>Ends a call begun by <see cref="BeginInline"/> to a method returning <see cref="ValueTask"/>; returns what the caller awaits.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    ValueTask EndInline(in InlineCall call, ValueTask task) => task;
}

/// <summary>A call running on its caller's thread, from <see cref="IGrainCallInvoker.BeginInline"/> to its end.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct InlineCall
{
    internal InlineCall(object grain, object activation, SynchronizationContext? previousContext, GrainMethodDescriptor method, long startTimestamp, bool enteredRunLoop = false)
    {
        EnteredRunLoop = enteredRunLoop;
        Grain = grain;
        Activation = activation;
        PreviousContext = previousContext;
        Method = method;
        StartTimestamp = startTimestamp;
    }

    /// <summary>The grain to call, or null when the call must be sent as a request.</summary>
    public object? Grain { get; }

    internal object? Activation { get; }

    internal SynchronizationContext? PreviousContext { get; }

    internal GrainMethodDescriptor? Method { get; }

    internal long StartTimestamp { get; }

    /// <summary>True when the call entered a deterministic silo's run loop from outside, and must leave it at the end.</summary>
    internal bool EnteredRunLoop { get; }

    internal InlineCall FromOutsideRunLoop() => new(Grain!, Activation!, PreviousContext, Method!, StartTimestamp, enteredRunLoop: true);
}

/// <summary>Base of the generated grain references (proxies). Equal when their grain ids are.</summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(IGrainCallInvoker invoker, GrainId grainId)
    {
        Invoker = invoker;
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    protected IGrainCallInvoker Invoker { get; }

    /// <summary>Where the runtime caches the activation this reference last reached.</summary>
    internal object? CachedTarget;

    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"GrainReference:{GrainId}";
}

/// <summary>Makes references for one grain interface.</summary>
public delegate GrainReference GrainReferenceActivator(IGrainCallInvoker invoker, GrainId grainId);

/// <summary>Constructs a grain, passing its constructor arguments from services; generated per grain class.</summary>
public delegate Grain GrainActivator(IServiceProvider services, IGrainContext context);

/// <summary>Receives what one assembly's generated code declares.</summary>
public interface IGrainTypeRegistrar
{
    void AddInterface(Type grainInterface, GrainReferenceActivator referenceActivator);

    void AddGrainClass([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.Interfaces)] Type grainClass, GrainActivator activator);
}

/// <summary>Implemented by the generated registry of an assembly.</summary>
public interface IGeneratedGrainRegistry
{
    void Register(IGrainTypeRegistrar registrar);
}

/// <summary>Names an assembly's generated registry so the runtime can find it without scanning types.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class GeneratedGrainRegistryAttribute(
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type registryType) : Attribute
{
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public Type RegistryType { get; } = registryType;
}
