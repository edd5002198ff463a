namespace ActorCity.Runtime.Concurrency;

/// <summary>The grain's calls may interleave: a new call can start while another is awaiting.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>Calls to this interface method interleave with any other call on the activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>
/// The grain has no identity-bound state: the runtime may run several local activations of one id,
/// up to <see cref="MaxLocalWorkers"/> (default: the processor count), and adds one only when all are busy.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    public int MaxLocalWorkers { get; } = maxLocalWorkers;
}

/// <summary>
/// Marks a type as deeply immutable: it may cross a grain call by reference, and in-memory storage may keep
/// the instance instead of a serialized copy.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Parameter | AttributeTargets.ReturnValue)]
public sealed class ImmutableAttribute : Attribute;
