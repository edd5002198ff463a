using System.Collections.Immutable;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>
/// A department's work-queue entry: ordered by escalation level (highest first), deadline, then task id. A value, so the
/// queue's tree holds entries inline and compares them without a pointer chase per node.
/// </summary>
[Immutable]
public readonly record struct QueueEntry(string TaskId, EscalationLevel Level, DateTimeOffset Deadline) : IComparable<QueueEntry>
{
    public int CompareTo(QueueEntry other)
    {
        // Compared as numbers: Enum.CompareTo takes an object and would box on every comparison.
        var c = ((int)other.Level).CompareTo((int)Level);
        if (c != 0)
        {
            return c;
        }

        c = Deadline.UtcTicks.CompareTo(other.Deadline.UtcTicks);
        return c != 0 ? c : string.CompareOrdinal(TaskId, other.TaskId);
    }
}

/// <summary>What <c>StartNextAsync</c> did: the task a crew started (null if no crew or no work), and the load after.</summary>
[Immutable]
public sealed record StartNextResult(string? TaskId, int Busy, int Crews, int Queued);

/// <summary>A department's live status.</summary>
[Immutable]
public sealed record DepartmentStatus(
    string Code,
    string Name,
    int Crews,
    int Busy,
    int Queued,
    TaskCounters Counters,
    ImmutableArray<EscalationNotice> RecentNotices)
{
    /// <summary>Open tasks led by another department on which this one is a co-department (配合单位).</summary>
    public int SharedOpen { get; init; }
}

/// <summary>A grid's live status; <see cref="NamedTasks"/> are its tasks at public notice or above.</summary>
[Immutable]
public sealed record GridStatus(
    string Code,
    string Name,
    string ChiefId,
    string ResponsibleLeaderId,
    TaskCounters Counters,
    ImmutableArray<EscalationNotice> RecentNotices,
    ImmutableArray<NoticedTask> NamedTasks);

/// <summary>An open problem at a checkpoint, as an inspector would find it.</summary>
[Immutable]
public sealed record OpenProblem(string TaskId, string CategoryCode, string AssessmentCategory);

/// <summary>A checkpoint and the open problems at it.</summary>
[Immutable]
public sealed record CheckpointView(Checkpoint Checkpoint, string GridCode, ImmutableArray<OpenProblem> OpenProblems);
