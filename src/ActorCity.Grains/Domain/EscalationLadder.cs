namespace ActorCity.Grains.Domain;

/// <summary>
/// The escalation ladder (督办 → 通报 → 问责): reminder at a share of the time limit, supervision at the deadline,
/// public notice and accountability after N and M overdue working days. Runs only while the clock runs
/// (Assigned, InProgress): submitted, parked, disputed and finished tasks do not climb.
/// </summary>
public static class EscalationLadder
{
    public static bool ClockRuns(TaskState state) => state is TaskState.Assigned or TaskState.InProgress;

    /// <summary>The step times of a cycle that started at <paramref name="cycleStart"/> and ends at <paramref name="deadline"/>.</summary>
    public static EscalationSchedule Plan(CampaignRules rules, DateTimeOffset cycleStart, DateTimeOffset deadline)
    {
        var calendar = rules.Calendar;
        var policy = rules.Escalation;
        var span = calendar.WorkingTicksBetween(cycleStart, deadline);
        var reminderAt = calendar.AddWorkingTicks(cycleStart, (long)Math.Ceiling(span * policy.ReminderShare));
        if (reminderAt > deadline)
        {
            reminderAt = deadline;
        }

        return new EscalationSchedule(
            reminderAt,
            deadline,
            calendar.AddWorkingTicks(deadline, policy.PublicNoticeAfterOverdueDays * calendar.DayTicks),
            calendar.AddWorkingTicks(deadline, policy.AccountabilityAfterOverdueDays * calendar.DayTicks));
    }

    /// <summary>The highest level due at <paramref name="now"/>.</summary>
    public static EscalationLevel LevelDue(EscalationSchedule schedule, DateTimeOffset now) =>
        now >= schedule.AccountabilityAt ? EscalationLevel.Accountability
        : now >= schedule.PublicNoticeAt ? EscalationLevel.PublicNotice
        : now >= schedule.SupervisionAt ? EscalationLevel.Supervision
        : now >= schedule.ReminderAt ? EscalationLevel.Reminder
        : EscalationLevel.None;

    public static DateTimeOffset TimeOf(EscalationSchedule schedule, EscalationLevel level) => level switch
    {
        EscalationLevel.Reminder => schedule.ReminderAt,
        EscalationLevel.Supervision => schedule.SupervisionAt,
        EscalationLevel.PublicNotice => schedule.PublicNoticeAt,
        EscalationLevel.Accountability => schedule.AccountabilityAt,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "No escalation time for this level."),
    };

    /// <summary>When the task must next be looked at (next level, or the deadline if not yet overdue); null when never.</summary>
    public static DateTimeOffset? NextDue(TaskRecord task) => NextDue(task.State, task.Schedule, task.Escalation, task.Overdue);

    /// <summary>When a task in this escalation position must next be looked at; null when never.</summary>
    public static DateTimeOffset? NextDue(TaskState state, EscalationSchedule? schedule, EscalationLevel escalation, bool overdue)
    {
        if (!ClockRuns(state) || schedule is not { } steps)
        {
            return null;
        }

        DateTimeOffset? next = escalation < EscalationLevel.Accountability ? TimeOf(steps, escalation + 1) : null;
        if (!overdue && (next is null || steps.SupervisionAt < next))
        {
            next = steps.SupervisionAt;
        }

        return next;
    }
}
