namespace ActorCity.Grains.Domain;

/// <summary>Facts and counts of tasks: what aggregates add up. An aggregate is exactly the sum of <see cref="Count"/> over its tasks.</summary>
public static class Aggregation
{
    public static TaskFacts FactsOf(TaskRecord t) => new(
        t.TaskId,
        t.LastSequence,
        t.State,
        t.GridCode,
        t.LeadDepartment,
        t.CategoryCode,
        t.AssessmentCategory,
        t.CheckpointId,
        t.Escalation,
        t.Deadline,
        t.DispatchedAt is not null,
        t.FirstHandledAt is not null,
        t.HandledOnTime,
        t.ClosedOnTime,
        t.Reworks,
        t.Extensions,
        t.Returns,
        t.Recurrences,
        t.Overdue,
        t.ExcludedFromOnTime,
        t.EscalationCounts)
    {
        CoDepartments = t.CoDepartments.IsDefault ? [] : t.CoDepartments,
    };

    /// <summary>Is the problem still visible on the ground (an inspector would find it)?</summary>
    public static bool IsOpen(TaskState state) => state is not (TaskState.Closed or TaskState.Cancelled);

    /// <summary>The counts of one task.</summary>
    public static TaskCounters Count(TaskFacts f) => Add(TaskCounters.Zero, f, 1);

    /// <summary><paramref name="c"/> plus (sign 1) or minus (sign -1) the counts of one task.</summary>
    public static TaskCounters Add(TaskCounters c, TaskFacts f, int sign)
    {
        var due = f.Dispatched && f.State != TaskState.Cancelled;
        var onTimeDue = due && !f.ExcludedFromOnTime;
        var counts = f.EscalationCounts;
        return c with
        {
            Total = c.Total + sign,
            Reported = c.Reported + (f.State == TaskState.Reported ? sign : 0),
            Assigned = c.Assigned + (f.State == TaskState.Assigned ? sign : 0),
            InProgress = c.InProgress + (f.State == TaskState.InProgress ? sign : 0),
            Submitted = c.Submitted + (f.State == TaskState.Submitted ? sign : 0),
            Closed = c.Closed + (f.State == TaskState.Closed ? sign : 0),
            Parked = c.Parked + (f.State == TaskState.Parked ? sign : 0),
            Disputed = c.Disputed + (f.State == TaskState.Disputed ? sign : 0),
            Cancelled = c.Cancelled + (f.State == TaskState.Cancelled ? sign : 0),
            Due = c.Due + (due ? sign : 0),
            OnTimeDue = c.OnTimeDue + (onTimeDue ? sign : 0),
            Handled = c.Handled + (due && f.Handled ? sign : 0),
            HandledOnTime = c.HandledOnTime + (onTimeDue && f.HandledOnTime ? sign : 0),
            ClosedOnTime = c.ClosedOnTime + (onTimeDue && f.State == TaskState.Closed && f.ClosedOnTime ? sign : 0),
            Reworked = c.Reworked + (due && f.Reworks > 0 ? sign : 0),
            Reworks = c.Reworks + (sign * f.Reworks),
            Extended = c.Extended + (due && f.Extensions > 0 ? sign : 0),
            OverduePending = c.OverduePending + (f.Overdue && f.State is TaskState.Assigned or TaskState.InProgress or TaskState.Disputed ? sign : 0),
            Dispatched = c.Dispatched + (f.Dispatched ? sign : 0),
            Returned = c.Returned + (f.Returns > 0 ? sign : 0),
            Recurrences = c.Recurrences + (sign * f.Recurrences),
            Reminders = c.Reminders + (sign * At(counts, EscalationLevel.Reminder)),
            Supervisions = c.Supervisions + (sign * At(counts, EscalationLevel.Supervision)),
            PublicNotices = c.PublicNotices + (sign * At(counts, EscalationLevel.PublicNotice)),
            Accountabilities = c.Accountabilities + (sign * At(counts, EscalationLevel.Accountability)),
        };
    }

    /// <summary>Sum of two counter sets.</summary>
    public static TaskCounters Sum(TaskCounters a, TaskCounters b) => a with
    {
        Total = a.Total + b.Total,
        Reported = a.Reported + b.Reported,
        Assigned = a.Assigned + b.Assigned,
        InProgress = a.InProgress + b.InProgress,
        Submitted = a.Submitted + b.Submitted,
        Closed = a.Closed + b.Closed,
        Parked = a.Parked + b.Parked,
        Disputed = a.Disputed + b.Disputed,
        Cancelled = a.Cancelled + b.Cancelled,
        Due = a.Due + b.Due,
        OnTimeDue = a.OnTimeDue + b.OnTimeDue,
        Handled = a.Handled + b.Handled,
        HandledOnTime = a.HandledOnTime + b.HandledOnTime,
        ClosedOnTime = a.ClosedOnTime + b.ClosedOnTime,
        Reworked = a.Reworked + b.Reworked,
        Reworks = a.Reworks + b.Reworks,
        Extended = a.Extended + b.Extended,
        OverduePending = a.OverduePending + b.OverduePending,
        Dispatched = a.Dispatched + b.Dispatched,
        Returned = a.Returned + b.Returned,
        Recurrences = a.Recurrences + b.Recurrences,
        Reminders = a.Reminders + b.Reminders,
        Supervisions = a.Supervisions + b.Supervisions,
        PublicNotices = a.PublicNotices + b.PublicNotices,
        Accountabilities = a.Accountabilities + b.Accountabilities,
    };

    private static int At(System.Collections.Immutable.ImmutableArray<int> counts, EscalationLevel level) =>
        counts.IsDefault || counts.Length <= (int)level ? 0 : counts[(int)level];
}
