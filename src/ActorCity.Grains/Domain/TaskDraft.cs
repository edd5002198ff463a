using System.Collections.Immutable;

namespace ActorCity.Grains.Domain;

/// <summary>
/// A task record while one command changes it: every stored property of <see cref="TaskRecord"/> as a field, so the
/// command, its ledger line, the escalation steps it makes due and the reminder it arms are set in place and the new
/// record is built once, not copied per step. Lives on the stack of one <see cref="TaskMachine"/> call; a property
/// added to <see cref="TaskRecord"/> needs its field here too (a test checks the two lists match).
/// </summary>
internal struct TaskDraft
{
    public TaskCase Case;
    public TaskState State;
    public string LeadDepartment;
    public ImmutableArray<string> CoDepartments;
    public TimeLimit TimeLimit;
    public DateTimeOffset? DispatchedAt;
    public DateTimeOffset? Deadline;
    public EscalationSchedule? Schedule;
    public EscalationLevel Escalation;
    public ImmutableArray<int> EscalationCounts;
    public bool Overdue;
    public DateTimeOffset? FirstHandledAt;
    public bool HandledOnTime;
    public DateTimeOffset? ClosedAt;
    public bool ClosedOnTime;
    public int Reworks;
    public int Extensions;
    public int Returns;
    public int Recurrences;
    public int Disputes;
    public bool ExcludedFromOnTime;
    public TaskState ParkedFrom;
    public long ParkedRemainingMinutes;
    public CancelReason? CancelReason;
    public ImmutableArray<LedgerEntry> Ledger;
    public DateTimeOffset? ReminderDueAt;

    public TaskDraft(TaskRecord t)
    {
        Case = t.Case;
        State = t.State;
        LeadDepartment = t.LeadDepartment;
        CoDepartments = t.CoDepartments;
        TimeLimit = t.TimeLimit;
        DispatchedAt = t.DispatchedAt;
        Deadline = t.Deadline;
        Schedule = t.Schedule;
        Escalation = t.Escalation;
        EscalationCounts = t.EscalationCounts;
        Overdue = t.Overdue;
        FirstHandledAt = t.FirstHandledAt;
        HandledOnTime = t.HandledOnTime;
        ClosedAt = t.ClosedAt;
        ClosedOnTime = t.ClosedOnTime;
        Reworks = t.Reworks;
        Extensions = t.Extensions;
        Returns = t.Returns;
        Recurrences = t.Recurrences;
        Disputes = t.Disputes;
        ExcludedFromOnTime = t.ExcludedFromOnTime;
        ParkedFrom = t.ParkedFrom;
        ParkedRemainingMinutes = t.ParkedRemainingMinutes;
        CancelReason = t.CancelReason;
        Ledger = t.Ledger;
        ReminderDueAt = t.ReminderDueAt;
    }

    public readonly long LastSequence => Ledger.IsDefaultOrEmpty ? 0 : Ledger[^1].Sequence;

    /// <summary>The new record: a copy of <paramref name="original"/> (the copy constructor runs no initialisers) with every field set.</summary>
    public readonly TaskRecord ToRecord(TaskRecord original) => original with
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
        Ledger = Ledger,
        ReminderDueAt = ReminderDueAt,
    };
}
