using ActorCity.Runtime.Catalog;

namespace ActorCity.Runtime.Scheduler;

/// <summary>Posts continuations of grain code back to their activation, which is what keeps turns single-threaded.</summary>
internal sealed class ActivationSynchronizationContext(ActivationData activation) : SynchronizationContext
{
    public ActivationData Activation { get; } = activation;

    public override void Post(SendOrPostCallback d, object? state) => Activation.EnqueueContinuation(d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send onto a grain activation would block its turn; use Post.");

    public override SynchronizationContext CreateCopy() => this;
}
