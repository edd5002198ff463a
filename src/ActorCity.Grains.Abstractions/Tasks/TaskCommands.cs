using System.Collections.Immutable;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>Report a problem (发现/上报): creates the task. The category's defaults come from the campaign catalogue.</summary>
[Immutable]
public sealed record ReportTask(
    string CampaignId,
    string GridCode,
    string CategoryCode,
    string CheckpointId = "",
    string CheckpointType = "",
    string Description = "",
    Severity Severity = Severity.Normal,
    string PhotoRef = "");

/// <summary>Assign (交办/派遣) to a lead department; department and time limit default to the category's.</summary>
[Immutable]
public sealed record AssignTask(string? DepartmentCode = null, TimeLimit? TimeLimit = null)
{
    public ImmutableArray<string> CoDepartments { get; init; } = [];
}

/// <summary>Verification on site (核查): pass closes the task, fail sends it back as rework (返工).</summary>
[Immutable]
public sealed record VerifyTask(bool Passed, string Note = "");

/// <summary>Extension (延期): the first is approved by the grid or department, a second only by headquarters.</summary>
[Immutable]
public sealed record ExtendTask(TimeLimit By, string Reason);

/// <summary>Cancel with a reason.</summary>
[Immutable]
public sealed record CancelTask(CancelReason Reason, string Note = "");

/// <summary>Headquarters' arbitration of a dispute or reassignment: a new lead department and, optionally, time limit.</summary>
[Immutable]
public sealed record ArbitrateTask(string DepartmentCode, TimeLimit? TimeLimit = null, string Note = "");

/// <summary>A reason-only command (return, dispute, park, unpark, reopen, submit).</summary>
[Immutable]
public sealed record TaskNote(string Reason = "");

/// <summary>
/// What an accepted command did. A retry with the same command id returns an equal result. A value: with the commands
/// returning <see cref="ValueTask{TResult}"/>, a command that completes on its caller's thread allocates no result.
/// </summary>
[Immutable]
public readonly record struct TaskCommandResult(
    string TaskId,
    long Sequence,
    string Command,
    TaskState From,
    TaskState To,
    DateTimeOffset At);
