using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace ActorCity.Grains.Domain;

/// <summary>
/// A task as its grain holds it: every stored property of <see cref="TaskRecord"/>, changed in place by
/// <see cref="TaskMachine"/>, with a ledger that grows by appending. Stored as the same JSON as the record.
/// </summary>
/// <remarks>
/// Why not a new immutable record per command: every record, ledger array and index made since the last collection
/// survived it (the newest version of every task touched), and promoting them was most of the collector's work. This
/// object lives as long as its activation, so a command leaves one new ledger line behind. Nothing here is ever handed
/// to another grain or a caller: they get a <see cref="ToRecord"/> snapshot or freshly made facts.
/// </remarks>
public sealed class LiveTask
{
    private static readonly ImmutableArray<int> s_noEscalations = [0, 0, 0, 0, 0];

    // Hash codes of the ledger's command ids (string hash codes differ between processes, so never stored), filled
    // up to _hashed lazily: however the ledger was filled (JSON included), the retry check hashes the new lines only.
    private int[] _hashes = [];
    private int _hashed;
    private List<LedgerEntry> _ledger = [];

    public LiveTask()
    {
    }

    /// <summary>A live copy of <paramref name="record"/>; the record is not changed by what is done to the copy.</summary>
    public LiveTask(TaskRecord record)
    {
        Case = record.Case;
        State = record.State;
        LeadDepartment = record.LeadDepartment;
        CoDepartments = record.CoDepartments;
        TimeLimit = record.TimeLimit;
        DispatchedAt = record.DispatchedAt;
        Deadline = record.Deadline;
        Schedule = record.Schedule;
        Escalation = record.Escalation;
        EscalationCounts = record.EscalationCounts;
        Overdue = record.Overdue;
        FirstHandledAt = record.FirstHandledAt;
        HandledOnTime = record.HandledOnTime;
        ClosedAt = record.ClosedAt;
        ClosedOnTime = record.ClosedOnTime;
        Reworks = record.Reworks;
        Extensions = record.Extensions;
        Returns = record.Returns;
        Recurrences = record.Recurrences;
        Disputes = record.Disputes;
        ExcludedFromOnTime = record.ExcludedFromOnTime;
        ParkedFrom = record.ParkedFrom;
        ParkedRemainingMinutes = record.ParkedRemainingMinutes;
        CancelReason = record.CancelReason;
        Ledger = record.Ledger.IsDefault ? [] : [.. record.Ledger];
        ReminderDueAt = record.ReminderDueAt;
    }

    public TaskCase Case { get; set; } = TaskCase.None;

    public TaskState State { get; set; }

    public string LeadDepartment { get; set; } = "";

    public ImmutableArray<string> CoDepartments { get; set; } = [];

    public TimeLimit TimeLimit { get; set; } = TimeLimit.Hours(4);

    public DateTimeOffset? DispatchedAt { get; set; }

    public DateTimeOffset? Deadline { get; set; }

    public EscalationSchedule? Schedule { get; set; }

    public EscalationLevel Escalation { get; set; }

    /// <summary>Shared with the facts sent to aggregates, so replaced (never changed) when a step is taken.</summary>
    public ImmutableArray<int> EscalationCounts { get; set; } = s_noEscalations;

    public bool Overdue { get; set; }

    public DateTimeOffset? FirstHandledAt { get; set; }

    public bool HandledOnTime { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public bool ClosedOnTime { get; set; }

    public int Reworks { get; set; }

    public int Extensions { get; set; }

    public int Returns { get; set; }

    public int Recurrences { get; set; }

    public int Disputes { get; set; }

    public bool ExcludedFromOnTime { get; set; }

    public TaskState ParkedFrom { get; set; }

    public long ParkedRemainingMinutes { get; set; }

    public CancelReason? CancelReason { get; set; }

    /// <summary>The ledger (台账); only appended to, except that a rejected command's catch-up is taken back.</summary>
    public List<LedgerEntry> Ledger
    {
        get => _ledger;
        set
        {
            _ledger = value;
            _hashed = 0;
        }
    }

    public DateTimeOffset? ReminderDueAt { get; set; }

    [JsonIgnore]
    public string TaskId => Case.TaskId;

    [JsonIgnore]
    public string CampaignId => Case.CampaignId;

    [JsonIgnore]
    public string GridCode => Case.GridCode;

    [JsonIgnore]
    public long LastSequence => Ledger.Count == 0 ? 0 : Ledger[^1].Sequence;

    [JsonIgnore]
    public bool Exists => Case.TaskId.Length > 0;

    /// <summary>An immutable snapshot, for callers (<see cref="ITaskGrain.GetAsync"/>): it shares nothing that changes.</summary>
    public TaskRecord ToRecord() => new()
    {
        Case = Case,
        State = State,
        LeadDepartment = LeadDepartment,
        CoDepartments = CoDepartments,
        TimeLimit = TimeLimit,
        DispatchedAt = DispatchedAt,
        Deadline = Deadline,
        Schedule = Schedule,
        Escalation = Escalation,
        EscalationCounts = EscalationCounts,
        Overdue = Overdue,
        FirstHandledAt = FirstHandledAt,
        HandledOnTime = HandledOnTime,
        ClosedAt = ClosedAt,
        ClosedOnTime = ClosedOnTime,
        Reworks = Reworks,
        Extensions = Extensions,
        Returns = Returns,
        Recurrences = Recurrences,
        Disputes = Disputes,
        ExcludedFromOnTime = ExcludedFromOnTime,
        ParkedFrom = ParkedFrom,
        ParkedRemainingMinutes = ParkedRemainingMinutes,
        CancelReason = CancelReason,
        Ledger = [.. Ledger],
        ReminderDueAt = ReminderDueAt,
    };

    /// <summary>The latest ledger line that recorded <paramref name="commandId"/>, or null: how a retried command is recognised.</summary>
    public LedgerEntry? FindCommand(string commandId)
    {
        var ledger = Ledger;
        if (_hashes.Length < ledger.Count)
        {
            Array.Resize(ref _hashes, Math.Max(ledger.Capacity, 8));
        }

        for (; _hashed < ledger.Count; _hashed++)
        {
            _hashes[_hashed] = LedgerIndex.HashOf(ledger[_hashed].CommandId);
        }

        var i = LedgerIndex.LastIndexOf(_hashes.AsSpan(0, ledger.Count), CollectionsMarshal.AsSpan(ledger), commandId);
        return i < 0 ? null : ledger[i];
    }

    /// <summary>Drops the ledger lines after the first <paramref name="count"/> (a rejected command's catch-up).</summary>
    internal void TruncateLedger(int count)
    {
        Ledger.RemoveRange(count, Ledger.Count - count);
        _hashed = Math.Min(_hashed, count);
    }
}
