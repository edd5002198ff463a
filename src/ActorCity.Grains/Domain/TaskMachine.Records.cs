using System.Collections.Immutable;

namespace ActorCity.Grains.Domain;

/// <summary>What a task command produced from an immutable record: the new record, the result, escalation notices to deliver.</summary>
public readonly record struct TaskOutcome(TaskRecord Record, TaskCommandResult Result, bool Replayed, ImmutableArray<EscalationNotice> Notices);

/// <summary>
/// The commands on immutable <see cref="TaskRecord"/>s, for callers that keep versions (tests, tools): each runs the
/// in-place command on a <see cref="LiveTask"/> copy and returns a new record, or the same one when it was a retry.
/// The task grain uses the in-place commands and makes no record per command.
/// </summary>
public static partial class TaskMachine
{
    public static TaskOutcome Report(TaskRecord task, string taskId, CommandContext ctx, ReportTask command, CampaignRules rules, DateTimeOffset now) =>
        OnCopy(task, live => Report(live, taskId, ctx, command, rules, now));

    public static TaskOutcome Assign(TaskRecord task, CommandContext ctx, AssignTask command, CampaignRules rules, DateTimeOffset now) =>
        OnCopy(task, live => Assign(live, ctx, command, rules, now));

    public static TaskOutcome Start(TaskRecord task, CommandContext ctx, DateTimeOffset now) =>
        OnCopy(task, live => Start(live, ctx, now));

    public static TaskOutcome Submit(TaskRecord task, CommandContext ctx, TaskNote command, DateTimeOffset now) =>
        OnCopy(task, live => Submit(live, ctx, command, now));

    public static TaskOutcome Verify(TaskRecord task, CommandContext ctx, VerifyTask command, DateTimeOffset now) =>
        OnCopy(task, live => Verify(live, ctx, command, now));

    public static TaskOutcome Return(TaskRecord task, CommandContext ctx, TaskNote command, DateTimeOffset now) =>
        OnCopy(task, live => Return(live, ctx, command, now));

    public static TaskOutcome Extend(TaskRecord task, CommandContext ctx, ExtendTask command, CampaignRules rules, DateTimeOffset now) =>
        OnCopy(task, live => Extend(live, ctx, command, rules, now));

    public static TaskOutcome Park(TaskRecord task, CommandContext ctx, TaskNote command, CampaignRules rules, DateTimeOffset now) =>
        OnCopy(task, live => Park(live, ctx, command, rules, now));

    public static TaskOutcome Unpark(TaskRecord task, CommandContext ctx, TaskNote command, CampaignRules rules, DateTimeOffset now) =>
        OnCopy(task, live => Unpark(live, ctx, command, rules, now));

    public static TaskOutcome Cancel(TaskRecord task, CommandContext ctx, CancelTask command, DateTimeOffset now) =>
        OnCopy(task, live => Cancel(live, ctx, command, now));

    public static TaskOutcome Reopen(TaskRecord task, CommandContext ctx, TaskNote command, CampaignRules rules, DateTimeOffset now) =>
        OnCopy(task, live => Reopen(live, ctx, command, rules, now));

    public static TaskOutcome Dispute(TaskRecord task, CommandContext ctx, TaskNote command, DateTimeOffset now) =>
        OnCopy(task, live => Dispute(live, ctx, command, now));

    public static TaskOutcome Arbitrate(TaskRecord task, CommandContext ctx, ArbitrateTask command, CampaignRules rules, DateTimeOffset now) =>
        OnCopy(task, live => Arbitrate(live, ctx, command, rules, now));

    /// <summary>
    /// Runs a command on the task as it stands at <paramref name="now"/>: escalation steps already due are taken first
    /// (a reminder tick may not have run yet), then the command. Notices of both are returned.
    /// </summary>
    public static TaskOutcome Run(TaskRecord task, DateTimeOffset now, Func<TaskRecord, TaskOutcome> command)
    {
        var (caughtUp, earlier) = Escalate(task, now);
        var outcome = command(caughtUp);
        return outcome.Replayed || earlier.IsEmpty ? outcome : outcome with { Notices = earlier.AddRange(outcome.Notices) };
    }

    /// <summary>Takes every escalation step due at <paramref name="now"/>.</summary>
    /// <returns>The task itself when nothing was due.</returns>
    public static (TaskRecord Record, ImmutableArray<EscalationNotice> Notices) Escalate(TaskRecord task, DateTimeOffset now)
    {
        if (!Due(task.State, task.Schedule, task.Escalation, task.Overdue, now))
        {
            return (task, []);
        }

        var live = new LiveTask(task);
        return Escalate(live, now, out var notices) ? (live.ToRecord(), notices) : (task, notices);
    }

    /// <summary>The reminder tick on a record (see <see cref="Tick(LiveTask, DateTimeOffset, out ImmutableArray{EscalationNotice})"/>).</summary>
    /// <returns>The task itself when nothing was due and the reminder time stands.</returns>
    public static (TaskRecord Record, ImmutableArray<EscalationNotice> Notices) Tick(TaskRecord task, DateTimeOffset now)
    {
        if (!Due(task.State, task.Schedule, task.Escalation, task.Overdue, now) && EscalationLadder.NextDue(task) == task.ReminderDueAt)
        {
            return (task, []);
        }

        var live = new LiveTask(task);
        return Tick(live, now, out var notices) ? (live.ToRecord(), notices) : (task, notices);
    }

    /// <summary>Runs an in-place command on a live copy of <paramref name="task"/>: the task itself back for a retry, else the copy as a new record.</summary>
    private static TaskOutcome OnCopy(TaskRecord task, Func<LiveTask, CommandOutcome> command)
    {
        var live = new LiveTask(task);
        var outcome = command(live);
        return new(outcome.Replayed ? task : live.ToRecord(), outcome.Result, outcome.Replayed, outcome.Notices);
    }
}
