using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>One ledger (台账) line: every accepted command and escalation step, numbered from 1 without gaps.</summary>
/// <remarks>
/// A value, not an object: a task keeps every line for good, so as a class each command left one more object for
/// every garbage collection to mark and promote; as a struct the lines live inside the ledger's array.
/// </remarks>
[Immutable]
public readonly record struct LedgerEntry(
    long Sequence,
    DateTimeOffset At,
    string CommandId,
    string Command,
    string ActorId,
    ActorRole Role,
    TaskState From,
    TaskState To,
    string Reason);

/// <summary>
/// What was reported (the case file, 案卷): where, what and when. Set once when the task is reported and shared by every
/// later version of the task record, so a transition copies one reference instead of a dozen fields.
/// </summary>
[Immutable]
public sealed record TaskCase
{
    public static readonly TaskCase None = new();

    public string TaskId { get; init; } = "";

    public string CampaignId { get; init; } = "";

    public string GridCode { get; init; } = "";

    public string CategoryCode { get; init; } = "";

    public CaseKind Kind { get; init; }

    /// <summary>The inspection category (考核大类) this problem costs points in.</summary>
    public string AssessmentCategory { get; init; } = "";

    public string CheckpointId { get; init; } = "";

    public string CheckpointType { get; init; } = "";

    public string Description { get; init; } = "";

    public Severity Severity { get; init; }

    public string PhotoRef { get; init; } = "";

    public DateTimeOffset ReportedAt { get; init; }
}

/// <summary>
/// Rectification task (整改任务): the task grain's whole state, also returned as its snapshot. Replaced wholesale on each
/// change; the case file it was reported with is shared between versions.
/// </summary>
[Immutable]
public sealed record TaskRecord
{
    /// <summary>What was reported; <see cref="TaskCase.None"/> until the task is reported.</summary>
    public TaskCase Case { get; init; } = TaskCase.None;

    [JsonIgnore]
    public string TaskId => Case.TaskId;

    [JsonIgnore]
    public string CampaignId => Case.CampaignId;

    [JsonIgnore]
    public string GridCode => Case.GridCode;

    [JsonIgnore]
    public string CategoryCode => Case.CategoryCode;

    [JsonIgnore]
    public CaseKind Kind => Case.Kind;

    [JsonIgnore]
    public string AssessmentCategory => Case.AssessmentCategory;

    [JsonIgnore]
    public string CheckpointId => Case.CheckpointId;

    [JsonIgnore]
    public string CheckpointType => Case.CheckpointType;

    [JsonIgnore]
    public string Description => Case.Description;

    [JsonIgnore]
    public Severity Severity => Case.Severity;

    [JsonIgnore]
    public string PhotoRef => Case.PhotoRef;

    [JsonIgnore]
    public DateTimeOffset ReportedAt => Case.ReportedAt;

    public TaskState State { get; init; }

    /// <summary>Lead department (牵头单位); empty until assigned.</summary>
    public string LeadDepartment { get; init; } = "";

    /// <summary>Co-departments (配合单位).</summary>
    public ImmutableArray<string> CoDepartments { get; init; } = [];

    public TimeLimit TimeLimit { get; init; } = TimeLimit.Hours(4);

    public DateTimeOffset? DispatchedAt { get; init; }

    /// <summary>Current deadline on the working calendar, extensions included; null while not dispatched or parked.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>When the current escalation steps fall due (computed at dispatch, extension, unpark).</summary>
    public EscalationSchedule? Schedule { get; init; }

    public EscalationLevel Escalation { get; init; }

    /// <summary>Escalation steps taken so far, over the task's whole life (indexed by <see cref="EscalationLevel"/>; 0 unused).</summary>
    public ImmutableArray<int> EscalationCounts { get; init; } = [0, 0, 0, 0, 0];

    /// <summary>The deadline passed while the task was still being handled (超期).</summary>
    public bool Overdue { get; init; }

    public DateTimeOffset? FirstHandledAt { get; init; }

    public bool HandledOnTime { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public bool ClosedOnTime { get; init; }

    public int Reworks { get; init; }

    public int Extensions { get; init; }

    public int Returns { get; init; }

    public int Recurrences { get; init; }

    public int Disputes { get; init; }

    /// <summary>Parked at least once in this cycle: left out of the on-time indicators.</summary>
    public bool ExcludedFromOnTime { get; init; }

    /// <summary>The state a parked task returns to when unparked.</summary>
    public TaskState ParkedFrom { get; init; }

    /// <summary>Working minutes left on the clock when parked.</summary>
    public long ParkedRemainingMinutes { get; init; }

    public CancelReason? CancelReason { get; init; }

    public ImmutableArray<LedgerEntry> Ledger { get; init; } = [];

    /// <summary>When the escalation reminder is registered to fire next (null: none registered).</summary>
    public DateTimeOffset? ReminderDueAt { get; init; }

    [JsonIgnore]
    public long LastSequence => Ledger.IsDefaultOrEmpty ? 0 : Ledger[^1].Sequence;

    [JsonIgnore]
    public bool Exists => TaskId.Length > 0;

    /// <summary>
    /// The latest ledger line that recorded <paramref name="commandId"/>, or null: how a retried command is recognised.
    /// A snapshot is searched line by line; the task grain's own search (<c>LiveTask.FindCommand</c>) keeps an index.
    /// </summary>
    public LedgerEntry? FindCommand(string commandId)
    {
        var ledger = Ledger.AsSpan();
        for (var i = ledger.Length - 1; i >= 0; i--)
        {
            if (ledger[i].CommandId == commandId)
            {
                return ledger[i];
            }
        }

        return null;
    }
}

/// <summary>When each escalation step of the current cycle falls due.</summary>
/// <remarks>A value held inside the task (as a class it was one more object every dispatched task kept for good).</remarks>
[Immutable]
public readonly record struct EscalationSchedule(
    DateTimeOffset ReminderAt,
    DateTimeOffset SupervisionAt,
    DateTimeOffset PublicNoticeAt,
    DateTimeOffset AccountabilityAt);
