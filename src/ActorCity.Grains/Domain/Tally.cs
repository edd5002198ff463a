namespace ActorCity.Grains.Domain;

/// <summary>
/// <see cref="TaskCounters"/> as a mutable value: aggregates add and remove a task's counts in place, with no copy per
/// change, and hand out a <see cref="TaskCounters"/> when asked. The counting rules live here, once.
/// </summary>
public struct Tally
{
    private int _total, _reported, _assigned, _inProgress, _submitted, _closed, _parked, _disputed, _cancelled;
    private int _due, _onTimeDue, _handled, _handledOnTime, _closedOnTime, _reworked, _reworks, _extended;
    private int _overduePending, _dispatched, _returned, _recurrences, _reminders, _supervisions, _publicNotices, _accountabilities;

    public static Tally Of(TaskCounters c) => new()
    {
        _total = c.Total, _reported = c.Reported, _assigned = c.Assigned, _inProgress = c.InProgress, _submitted = c.Submitted,
        _closed = c.Closed, _parked = c.Parked, _disputed = c.Disputed, _cancelled = c.Cancelled, _due = c.Due, _onTimeDue = c.OnTimeDue,
        _handled = c.Handled, _handledOnTime = c.HandledOnTime, _closedOnTime = c.ClosedOnTime, _reworked = c.Reworked, _reworks = c.Reworks,
        _extended = c.Extended, _overduePending = c.OverduePending, _dispatched = c.Dispatched, _returned = c.Returned,
        _recurrences = c.Recurrences, _reminders = c.Reminders, _supervisions = c.Supervisions, _publicNotices = c.PublicNotices,
        _accountabilities = c.Accountabilities,
    };

    public readonly TaskCounters ToCounters() => new()
    {
        Total = _total, Reported = _reported, Assigned = _assigned, InProgress = _inProgress, Submitted = _submitted,
        Closed = _closed, Parked = _parked, Disputed = _disputed, Cancelled = _cancelled, Due = _due, OnTimeDue = _onTimeDue,
        Handled = _handled, HandledOnTime = _handledOnTime, ClosedOnTime = _closedOnTime, Reworked = _reworked, Reworks = _reworks,
        Extended = _extended, OverduePending = _overduePending, Dispatched = _dispatched, Returned = _returned,
        Recurrences = _recurrences, Reminders = _reminders, Supervisions = _supervisions, PublicNotices = _publicNotices,
        Accountabilities = _accountabilities,
    };

    /// <summary>Adds (sign 1) or removes (sign -1) the counts of one task.</summary>
    public void Add(in TaskFacts f, int sign) => Add(HeldFacts.Of(f), sign);

    /// <summary>Adds (sign 1) or removes (sign -1) the counts of one task, as an aggregate holds them.</summary>
    public void Add(HeldFacts f, int sign)
    {
        var state = f.State;
        var due = f.Dispatched && state != TaskState.Cancelled;
        var onTimeDue = due && !f.ExcludedFromOnTime;
        var counts = f.EscalationCounts;
        _total += sign;
        _reported += state == TaskState.Reported ? sign : 0;
        _assigned += state == TaskState.Assigned ? sign : 0;
        _inProgress += state == TaskState.InProgress ? sign : 0;
        _submitted += state == TaskState.Submitted ? sign : 0;
        _closed += state == TaskState.Closed ? sign : 0;
        _parked += state == TaskState.Parked ? sign : 0;
        _disputed += state == TaskState.Disputed ? sign : 0;
        _cancelled += state == TaskState.Cancelled ? sign : 0;
        _due += due ? sign : 0;
        _onTimeDue += onTimeDue ? sign : 0;
        _handled += due && f.Handled ? sign : 0;
        _handledOnTime += onTimeDue && f.HandledOnTime ? sign : 0;
        _closedOnTime += onTimeDue && state == TaskState.Closed && f.ClosedOnTime ? sign : 0;
        _reworked += due && f.Reworks > 0 ? sign : 0;
        _reworks += sign * f.Reworks;
        _extended += due && f.Extensions > 0 ? sign : 0;
        _overduePending += f.Overdue && state is TaskState.Assigned or TaskState.InProgress or TaskState.Disputed ? sign : 0;
        _dispatched += f.Dispatched ? sign : 0;
        _returned += f.Returns > 0 ? sign : 0;
        _recurrences += sign * f.Recurrences;
        _reminders += sign * At(counts, EscalationLevel.Reminder);
        _supervisions += sign * At(counts, EscalationLevel.Supervision);
        _publicNotices += sign * At(counts, EscalationLevel.PublicNotice);
        _accountabilities += sign * At(counts, EscalationLevel.Accountability);
    }

    /// <summary>Adds another tally, field by field.</summary>
    public void Add(in Tally o)
    {
        _total += o._total; _reported += o._reported; _assigned += o._assigned; _inProgress += o._inProgress; _submitted += o._submitted;
        _closed += o._closed; _parked += o._parked; _disputed += o._disputed; _cancelled += o._cancelled; _due += o._due;
        _onTimeDue += o._onTimeDue; _handled += o._handled; _handledOnTime += o._handledOnTime; _closedOnTime += o._closedOnTime;
        _reworked += o._reworked; _reworks += o._reworks; _extended += o._extended; _overduePending += o._overduePending;
        _dispatched += o._dispatched; _returned += o._returned; _recurrences += o._recurrences; _reminders += o._reminders;
        _supervisions += o._supervisions; _publicNotices += o._publicNotices; _accountabilities += o._accountabilities;
    }

    private static int At(System.Collections.Immutable.ImmutableArray<int> counts, EscalationLevel level) =>
        counts.IsDefault || counts.Length <= (int)level ? 0 : counts[(int)level];
}
