using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace ActorCity.Grains.Domain;

/// <summary>What a task command produced: the new record, the result, escalation notices to deliver.</summary>
public readonly record struct TaskOutcome(TaskRecord Record, TaskCommandResult Result, bool Replayed, ImmutableArray<EscalationNotice> Notices);

/// <summary>
/// The task state machine (整改流程): one method per command. Each validates the command (context, scope, state),
/// returns the new immutable record with one ledger line appended, and catches up on escalation steps due now; or
/// throws <see cref="DomainException"/> and changes nothing. A command id already in the ledger replays its result.
/// The new record also carries the escalation reminder its grain keeps armed (<see cref="TaskRecord.ReminderDueAt"/>).
/// Changes are made on a <see cref="TaskDraft"/> and the record is built once per command.
/// </summary>
public static partial class TaskMachine
{
    public const string SystemActor = "system";

    private static readonly TaskRecord s_unreported = new();

    public static TaskOutcome Report(TaskRecord task, string taskId, CommandContext ctx, ReportTask command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "report";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        CheckContext(ctx, name);
        if (task.Exists)
        {
            throw new DomainException(DomainErrors.TaskAlreadyExists, $"Task {taskId} was already reported; a task id is reported once.");
        }

        if (string.IsNullOrWhiteSpace(taskId) || string.IsNullOrWhiteSpace(command.GridCode))
        {
            throw new DomainException(DomainErrors.InvalidCommand, "A report needs a task id and a grid.");
        }

        if (command.CampaignId != rules.Settings.CampaignId)
        {
            throw new DomainException(DomainErrors.InvalidCommand, $"The report names campaign '{command.CampaignId}' but the rules are campaign '{rules.Settings.CampaignId}'s.");
        }

        Authorize(ctx, name, command.GridCode, leadDepartment: "", Who.Headquarters | Who.OwnGrid, taskId);
        var category = rules.Category(command.CategoryCode);
        var created = new TaskDraft(s_unreported)
        {
            Case = new TaskCase
            {
                TaskId = taskId,
                CampaignId = command.CampaignId,
                GridCode = command.GridCode,
                CategoryCode = category.Code,
                Kind = category.Kind,
                AssessmentCategory = category.AssessmentCategory,
                CheckpointId = command.CheckpointId,
                CheckpointType = command.CheckpointType,
                Description = command.Description,
                Severity = command.Severity,
                PhotoRef = command.PhotoRef,
                ReportedAt = now,
            },
            State = TaskState.Reported,
            TimeLimit = category.TimeLimit,
        };
        return Commit(task, ref created, ctx, name, command.Description, now);
    }

    public static TaskOutcome Assign(TaskRecord task, CommandContext ctx, AssignTask command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "assign";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.OwnGrid, Mask(TaskState.Reported));
        var category = rules.Category(task.CategoryCode);
        var department = string.IsNullOrWhiteSpace(command.DepartmentCode) ? category.LeadDepartment : command.DepartmentCode;
        var limit = command.TimeLimit ?? category.TimeLimit;
        CheckLimit(limit, name);
        var next = Dispatch(task, department, limit, rules, now);
        next.CoDepartments = command.CoDepartments.IsDefault ? [] : command.CoDepartments;
        return Commit(task, ref next, ctx, name, $"to {department}, {limit}", now);
    }

    public static TaskOutcome Start(TaskRecord task, CommandContext ctx, DateTimeOffset now)
    {
        const string name = "start";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.LeadDepartment, Mask(TaskState.Assigned));
        var next = new TaskDraft(task) { State = TaskState.InProgress };
        return Commit(task, ref next, ctx, name, "", now);
    }

    public static TaskOutcome Submit(TaskRecord task, CommandContext ctx, TaskNote command, DateTimeOffset now)
    {
        const string name = "submit";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.LeadDepartment, Mask(TaskState.InProgress));
        var first = task.FirstHandledAt is null;
        var next = new TaskDraft(task)
        {
            State = TaskState.Submitted,
            FirstHandledAt = first ? now : task.FirstHandledAt,
            HandledOnTime = first ? task.Deadline is { } d && now <= d : task.HandledOnTime,
        };
        return Commit(task, ref next, ctx, name, command.Reason, now);
    }

    public static TaskOutcome Verify(TaskRecord task, CommandContext ctx, VerifyTask command, DateTimeOffset now)
    {
        const string name = "verify";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.OwnGrid, Mask(TaskState.Submitted));
        var next = command.Passed
            ? new TaskDraft(task) { State = TaskState.Closed, ClosedAt = now, ClosedOnTime = task.Deadline is { } d && now <= d }
            : new TaskDraft(task) { State = TaskState.InProgress, Reworks = task.Reworks + 1 };
        return Commit(task, ref next, ctx, name, (command.Passed ? "passed" : "failed: rework") + Suffix(command.Note), now);
    }

    public static TaskOutcome Return(TaskRecord task, CommandContext ctx, TaskNote command, DateTimeOffset now)
    {
        const string name = "return";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.LeadDepartment, Mask(TaskState.Assigned));
        var next = Undispatch(task);
        next.State = TaskState.Reported;
        next.Returns = task.Returns + 1;
        return Commit(task, ref next, ctx, name, command.Reason, now);
    }

    public static TaskOutcome Extend(TaskRecord task, CommandContext ctx, ExtendTask command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "extend";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.OwnGrid | Who.LeadDepartment, Mask(TaskState.Assigned) | Mask(TaskState.InProgress));
        if (task.Extensions > 0 && ctx.Role != ActorRole.Headquarters)
        {
            throw new DomainException(
                DomainErrors.ExtensionNeedsHeadquarters,
                $"Task {task.TaskId} was already extended {task.Extensions} time(s): a further extension needs headquarters' sign-off.");
        }

        CheckLimit(command.By, name);
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new DomainException(DomainErrors.InvalidCommand, "An extension needs a reason.");
        }

        var calendar = rules.Calendar;
        var deadline = calendar.AddWorkingTicks(task.Deadline!.Value, calendar.TicksOf(command.By));
        var next = new TaskDraft(task)
        {
            Deadline = deadline,
            Schedule = EscalationLadder.Plan(rules, task.DispatchedAt!.Value, deadline),
            Overdue = task.Overdue && now >= deadline,
            Extensions = task.Extensions + 1,
        };
        return Commit(task, ref next, ctx, name, $"+{command.By}: {command.Reason}", now);
    }

    public static TaskOutcome Park(TaskRecord task, CommandContext ctx, TaskNote command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "park";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters, Mask(TaskState.Assigned) | Mask(TaskState.InProgress));
        var remaining = rules.Calendar.WorkingTicksBetween(now, task.Deadline!.Value);
        var next = new TaskDraft(task)
        {
            State = TaskState.Parked,
            ParkedFrom = task.State,
            ParkedRemainingMinutes = (remaining + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute,
            ExcludedFromOnTime = true,
            Schedule = null,
        };
        return Commit(task, ref next, ctx, name, command.Reason, now);
    }

    public static TaskOutcome Unpark(TaskRecord task, CommandContext ctx, TaskNote command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "unpark";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters, Mask(TaskState.Parked));
        var deadline = rules.Calendar.AddWorkingTicks(now, task.ParkedRemainingMinutes * TimeSpan.TicksPerMinute);
        var next = new TaskDraft(task)
        {
            State = task.ParkedFrom,
            Deadline = deadline,
            Schedule = EscalationLadder.Plan(rules, now, deadline),
            Overdue = task.Overdue && now >= deadline,
            ParkedRemainingMinutes = 0,
        };
        return Commit(task, ref next, ctx, name, command.Reason, now);
    }

    public static TaskOutcome Cancel(TaskRecord task, CommandContext ctx, CancelTask command, DateTimeOffset now)
    {
        const string name = "cancel";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        const int open = (1 << (int)TaskState.Reported) | (1 << (int)TaskState.Assigned) | (1 << (int)TaskState.InProgress)
            | (1 << (int)TaskState.Submitted) | (1 << (int)TaskState.Parked) | (1 << (int)TaskState.Disputed);
        Guard(task, ctx, name, Who.Headquarters | Who.OwnGrid, open);
        var next = new TaskDraft(task) { State = TaskState.Cancelled, CancelReason = command.Reason, Schedule = null };
        return Commit(task, ref next, ctx, name, command.Reason + Suffix(command.Note), now);
    }

    public static TaskOutcome Reopen(TaskRecord task, CommandContext ctx, TaskNote command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "reopen";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.OwnGrid, Mask(TaskState.Closed));
        var next = Dispatch(task, task.LeadDepartment, task.TimeLimit, rules, now);
        next.Recurrences = task.Recurrences + 1;
        next.FirstHandledAt = null;
        next.HandledOnTime = false;
        next.ClosedAt = null;
        next.ClosedOnTime = false;
        next.ExcludedFromOnTime = false;
        return Commit(task, ref next, ctx, name, command.Reason, now);
    }

    public static TaskOutcome Dispute(TaskRecord task, CommandContext ctx, TaskNote command, DateTimeOffset now)
    {
        const string name = "dispute";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.LeadDepartment, Mask(TaskState.Assigned));
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new DomainException(DomainErrors.InvalidCommand, "A dispute needs a reason naming who should own the task.");
        }

        var next = new TaskDraft(task) { State = TaskState.Disputed, Disputes = task.Disputes + 1 };
        return Commit(task, ref next, ctx, name, command.Reason, now);
    }

    public static TaskOutcome Arbitrate(TaskRecord task, CommandContext ctx, ArbitrateTask command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "arbitrate";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters, Mask(TaskState.Disputed) | Mask(TaskState.Assigned) | Mask(TaskState.InProgress));
        if (string.IsNullOrWhiteSpace(command.DepartmentCode))
        {
            throw new DomainException(DomainErrors.InvalidCommand, "Arbitration must name the lead department.");
        }

        if (task.State != TaskState.Disputed && command.DepartmentCode == task.LeadDepartment)
        {
            throw new DomainException(DomainErrors.SameDepartment, $"Task {task.TaskId} is already led by {task.LeadDepartment}: reassignment must name another department.");
        }

        var limit = command.TimeLimit ?? task.TimeLimit;
        CheckLimit(limit, name);
        var next = Dispatch(task, command.DepartmentCode, limit, rules, now);
        return Commit(task, ref next, ctx, name, $"to {command.DepartmentCode}" + Suffix(command.Note), now);
    }

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

    /// <summary>Takes every escalation step due at <paramref name="now"/>; the reminder tick calls this.</summary>
    /// <returns>The task itself when nothing was due.</returns>
    public static (TaskRecord Record, ImmutableArray<EscalationNotice> Notices) Escalate(TaskRecord task, DateTimeOffset now)
    {
        if (!Due(task.State, task.Schedule, task.Escalation, task.Overdue, now))
        {
            return (task, []);
        }

        var next = new TaskDraft(task);
        return Escalate(ref next, now, out var notices) ? (next.ToRecord(task), notices) : (task, notices);
    }

    /// <summary>
    /// The reminder tick: takes every escalation step due at <paramref name="now"/> and records when the reminder must
    /// fire next (<see cref="EscalationLadder.NextDue(TaskRecord)"/>; null: unregister it).
    /// </summary>
    /// <returns>The task itself when nothing was due and the reminder time stands.</returns>
    public static (TaskRecord Record, ImmutableArray<EscalationNotice> Notices) Tick(TaskRecord task, DateTimeOffset now)
    {
        if (!Due(task.State, task.Schedule, task.Escalation, task.Overdue, now) && EscalationLadder.NextDue(task) == task.ReminderDueAt)
        {
            return (task, []);
        }

        var next = new TaskDraft(task);
        var escalated = Escalate(ref next, now, out var notices);
        next.ReminderDueAt = EscalationLadder.NextDue(next.State, next.Schedule, next.Escalation, next.Overdue);
        return escalated || next.ReminderDueAt != task.ReminderDueAt ? (next.ToRecord(task), notices) : (task, notices);
    }

    /// <summary>Is an escalation step or the overdue mark due at <paramref name="now"/>? Checked before any copy is made.</summary>
    private static bool Due(TaskState state, EscalationSchedule? schedule, EscalationLevel escalation, bool overdue, DateTimeOffset now) =>
        EscalationLadder.ClockRuns(state) && schedule is not null
        && (EscalationLadder.LevelDue(schedule, now) > escalation || (!overdue && now >= schedule.SupervisionAt));

    private static bool Escalate(ref TaskDraft task, DateTimeOffset now, out ImmutableArray<EscalationNotice> notices)
    {
        notices = [];
        if (!Due(task.State, task.Schedule, task.Escalation, task.Overdue, now))
        {
            return false;
        }

        var schedule = task.Schedule!;
        var due = EscalationLadder.LevelDue(schedule, now);
        var overdue = task.Overdue || now >= schedule.SupervisionAt;

        var sequence = task.LastSequence;
        if (due <= task.Escalation)
        {
            sequence++;
            task.Ledger = task.Ledger.Add(new LedgerEntry(
                sequence, now, $"escalation:{sequence}", "overdue", SystemActor, ActorRole.Headquarters, task.State, task.State, "deadline passed"));
            task.Overdue = overdue;
            return true;
        }

        var steps = (int)(due - task.Escalation);
        var ledger = ImmutableArray.CreateBuilder<LedgerEntry>(task.Ledger.Length + steps);
        ledger.AddRange(task.Ledger);
        var counts = task.EscalationCounts.ToArray();
        var taken = ImmutableArray.CreateBuilder<EscalationNotice>(steps);
        for (var level = task.Escalation + 1; level <= due; level++)
        {
            sequence++;
            ledger.Add(new LedgerEntry(
                sequence, now, $"escalation:{sequence}", "escalate", SystemActor, ActorRole.Headquarters, task.State, task.State, level.ToString()));
            counts[(int)level]++;
            taken.Add(new EscalationNotice(task.Case.TaskId, level, now, task.Case.GridCode, task.LeadDepartment, task.Deadline, [task.LeadDepartment]));
        }

        task.Escalation = due;
        task.Overdue = overdue;
        task.Ledger = ledger.MoveToImmutable();
        task.EscalationCounts = ImmutableCollectionsMarshal.AsImmutableArray(counts);
        notices = taken.MoveToImmutable();
        return true;
    }

    private static TaskDraft Dispatch(TaskRecord task, string department, TimeLimit limit, CampaignRules rules, DateTimeOffset now)
    {
        var deadline = rules.Calendar.Add(now, limit);
        return new TaskDraft(task)
        {
            State = TaskState.Assigned,
            LeadDepartment = department,
            TimeLimit = limit,
            DispatchedAt = now,
            Deadline = deadline,
            Schedule = EscalationLadder.Plan(rules, now, deadline),
            Escalation = EscalationLevel.None,
            Overdue = false,
        };
    }

    private static TaskDraft Undispatch(TaskRecord task) => new(task)
    {
        LeadDepartment = "",
        CoDepartments = [],
        Deadline = null,
        Schedule = null,
        Escalation = EscalationLevel.None,
        Overdue = false,
    };

    /// <summary>
    /// Appends the command's ledger line, takes the escalation steps the command made due, arms the reminder, and
    /// builds the one new record.
    /// </summary>
    private static TaskOutcome Commit(TaskRecord before, ref TaskDraft after, CommandContext ctx, string name, string reason, DateTimeOffset now)
    {
        var entry = new LedgerEntry(after.LastSequence + 1, now, ctx.CommandId, name, ctx.ActorId, ctx.Role, before.Exists ? before.State : TaskState.Reported, after.State, reason);
        after.Ledger = after.Ledger.Add(entry);
        Escalate(ref after, now, out var notices);
        after.ReminderDueAt = Armed(after);
        return new TaskOutcome(after.ToRecord(before), ResultOf(after.Case.TaskId, entry), false, notices);
    }

    /// <summary>
    /// When the task's escalation reminder is due after a command: moved earlier when the next step is earlier than the
    /// armed time, dropped when the clock stopped (a tick would find nothing to do); otherwise the armed time stands,
    /// as its tick re-arms for the step after.
    /// </summary>
    private static DateTimeOffset? Armed(in TaskDraft task)
    {
        var next = EscalationLadder.NextDue(task.State, task.Schedule, task.Escalation, task.Overdue);
        if (next is { } due && (task.ReminderDueAt is not { } armed || due < armed))
        {
            return due;
        }

        return next is null ? null : task.ReminderDueAt;
    }

    private static TaskCommandResult ResultOf(string taskId, LedgerEntry entry) =>
        new(taskId, entry.Sequence, entry.Command, entry.From, entry.To, entry.At);

    private static string Suffix(string note) => string.IsNullOrEmpty(note) ? "" : "; " + note;

    private static void CheckLimit(TimeLimit limit, string name)
    {
        if (limit.Amount <= 0)
        {
            throw new DomainException(DomainErrors.InvalidCommand, $"'{name}' needs a positive time limit, not {limit.Amount}.");
        }
    }
}
