using System.Collections.Immutable;
using ActorCity.Runtime;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>
/// Functional department (职能部门), keyed <see cref="GrainKeys.Department"/>. Crews are its capacity; its queue holds its
/// Assigned tasks ordered by escalation level (desc), deadline, task id.
/// </summary>
public interface IDepartmentGrain : IGrainWithStringKey
{
    /// <summary>Create or update (name, crews). Headquarters, or the department itself.</summary>
    Task ConfigureAsync(CommandContext ctx, DepartmentSetup setup);

    /// <summary>
    /// If a crew is free, starts the head of the queue (calls <see cref="ITaskGrain.Start"/>) and returns its id;
    /// otherwise returns a null id. Department (itself) or headquarters.
    /// </summary>
    Task<StartNextResult> StartNextAsync(CommandContext ctx);

    [AlwaysInterleave]
    Task<DepartmentStatus> GetStatusAsync();

    /// <summary>The first <paramref name="max"/> queue entries, in order.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<QueueEntry>> GetQueueAsync(int max);

    /// <summary>
    /// The head of the queue, the task a free crew takes next; null when the queue is empty. The crews' usual question,
    /// answered without a copy of the queue (a value when the call completes on the caller's thread).
    /// </summary>
    [AlwaysInterleave]
    ValueTask<QueueEntry?> PeekQueueAsync();

    /// <summary>
    /// Called by tasks on every change. Interleaves, so a task may notify while this grain awaits it. Returns the row
    /// the department keeps the task in, for the task to name in its next change (<see cref="TaskChange.Row"/>).
    /// </summary>
    [AlwaysInterleave]
    ValueTask<int> OnTaskChanged(TaskChange change);
}
