namespace ActorCity.Runtime.Scheduler;

/// <summary>Runs activation work items: on the thread pool (live) or on one deterministic run loop (simulation).</summary>
internal interface IWorkScheduler
{
    bool IsDeterministic { get; }

    void Schedule(IThreadPoolWorkItem workItem);
}

/// <summary>The live scheduler: every activation's worker is a thread-pool work item; activations run in parallel.</summary>
internal sealed class ThreadPoolWorkScheduler : IWorkScheduler
{
    public bool IsDeterministic => false;

    public void Schedule(IThreadPoolWorkItem workItem) => ThreadPool.UnsafeQueueUserWorkItem(workItem, preferLocal: false);
}
