using System.Collections.Immutable;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>
/// What the grid and department aggregates know about one task: enough to count it. Versioned by
/// <see cref="Sequence"/> (the task's last ledger number): an aggregate keeps the newest facts per task, so
/// a repeated or late notification changes nothing and the aggregate always equals the sum over its tasks.
/// A value: a task sends new facts with every change, and the aggregates copy what they keep, so the facts are only
/// ever a message, carried inside the <see cref="TaskChange"/> with no object of their own.
/// </summary>
[Immutable]
public readonly record struct TaskFacts(
    string TaskId,
    long Sequence,
    TaskState State,
    string GridCode,
    string DepartmentCode,
    string CategoryCode,
    string AssessmentCategory,
    string CheckpointId,
    EscalationLevel Escalation,
    DateTimeOffset? Deadline,
    bool Dispatched,
    bool Handled,
    bool HandledOnTime,
    bool ClosedOnTime,
    int Reworks,
    int Extensions,
    int Returns,
    int Recurrences,
    bool Overdue,
    bool ExcludedFromOnTime,
    ImmutableArray<int> EscalationCounts)
{
    /// <summary>Co-departments (配合单位) that share the task with the lead department.</summary>
    public ImmutableArray<string> CoDepartments { get; init; } = [];
}

/// <summary>An escalation step delivered to the department, the grid chief (网格长) and the responsible leader (包保领导).</summary>
[Immutable]
public sealed record EscalationNotice(
    string TaskId,
    EscalationLevel Level,
    DateTimeOffset At,
    string GridCode,
    string DepartmentCode,
    DateTimeOffset? Deadline,
    ImmutableArray<string> Recipients);

/// <summary>
/// A task's notification to an aggregate: its newest facts and the escalation steps just taken. A value, so a
/// notification run inline allocates nothing (one is sent to the grid and one to the department for every command).
/// </summary>
[Immutable]
public readonly record struct TaskChange(TaskFacts Facts, ImmutableArray<EscalationNotice> Notices)
{
    /// <summary>
    /// Where the receiving aggregate keeps this task, as its answer to the task's last notification said (0 when
    /// unknown). Only a hint: it spares the aggregate a search of all its tasks, and a stale one costs just that search.
    /// </summary>
    public int Row { get; init; }
}
