using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace ActorCity.Grains.Domain;

/// <summary>What a task command did to a <see cref="LiveTask"/>: the result, whether it was a retry, escalation notices to deliver.</summary>
public readonly record struct CommandOutcome(TaskCommandResult Result, bool Replayed, ImmutableArray<EscalationNotice> Notices);

/// <summary>
/// The task state machine (整改流程): one method per command. Each validates the command (context, scope, state) and
/// only then changes the <see cref="LiveTask"/> in place: one ledger line appended, escalation steps due now taken, the
/// escalation reminder its grain keeps armed set (<see cref="LiveTask.ReminderDueAt"/>). A rejected command throws
/// <see cref="DomainException"/> and changes nothing; a command id already in the ledger replays its result.
/// The same commands on immutable <see cref="TaskRecord"/>s are in <c>TaskMachine.Records.cs</c>.
/// </summary>
public static partial class TaskMachine
{
    public const string SystemActor = "system";

    public static CommandOutcome Report(LiveTask task, string taskId, CommandContext ctx, ReportTask command, CampaignRules rules, DateTimeOffset now)
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
        task.Case = new TaskCase
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
        };
        task.State = TaskState.Reported;
        task.TimeLimit = category.TimeLimit;

        // Room for a usual life (report, assign, start, submit, verify and a few escalation steps) in one array.
        task.Ledger.EnsureCapacity(InitialLedgerCapacity);
        return Commit(task, TaskState.Reported, ctx, name, command.Description, now);
    }

    public static CommandOutcome Assign(LiveTask task, CommandContext ctx, AssignTask command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "assign";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.OwnGrid, Mask(TaskState.Reported));
        var category = rules.Category(task.Case.CategoryCode);
        var department = string.IsNullOrWhiteSpace(command.DepartmentCode) ? category.LeadDepartment : command.DepartmentCode;
        var limit = command.TimeLimit ?? category.TimeLimit;
        CheckLimit(limit, name);
        var reason = $"to {department}, {limit}";
        var from = task.State;
        Dispatch(task, department, limit, rules, now);
        task.CoDepartments = command.CoDepartments.IsDefault ? [] : command.CoDepartments;
        return Commit(task, from, ctx, name, reason, now);
    }

    public static CommandOutcome Start(LiveTask task, CommandContext ctx, DateTimeOffset now)
    {
        const string name = "start";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.LeadDepartment, Mask(TaskState.Assigned));
        var from = task.State;
        task.State = TaskState.InProgress;
        return Commit(task, from, ctx, name, "", now);
    }

    public static CommandOutcome Submit(LiveTask task, CommandContext ctx, TaskNote command, DateTimeOffset now)
    {
        const string name = "submit";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.LeadDepartment, Mask(TaskState.InProgress));
        var from = task.State;
        if (task.FirstHandledAt is null)
        {
            task.FirstHandledAt = now;
            task.HandledOnTime = task.Deadline is { } d && now <= d;
        }

        task.State = TaskState.Submitted;
        return Commit(task, from, ctx, name, command.Reason, now);
    }

    public static CommandOutcome Verify(LiveTask task, CommandContext ctx, VerifyTask command, DateTimeOffset now)
    {
        const string name = "verify";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.OwnGrid, Mask(TaskState.Submitted));
        var reason = (command.Passed ? "passed" : "failed: rework") + Suffix(command.Note);
        var from = task.State;
        if (command.Passed)
        {
            task.State = TaskState.Closed;
            task.ClosedAt = now;
            task.ClosedOnTime = task.Deadline is { } d && now <= d;
        }
        else
        {
            task.State = TaskState.InProgress;
            task.Reworks++;
        }

        return Commit(task, from, ctx, name, reason, now);
    }

    public static CommandOutcome Return(LiveTask task, CommandContext ctx, TaskNote command, DateTimeOffset now)
    {
        const string name = "return";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.LeadDepartment, Mask(TaskState.Assigned));
        var from = task.State;
        Undispatch(task);
        task.State = TaskState.Reported;
        task.Returns++;
        return Commit(task, from, ctx, name, command.Reason, now);
    }

    public static CommandOutcome Extend(LiveTask task, CommandContext ctx, ExtendTask command, CampaignRules rules, DateTimeOffset now)
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
        var schedule = EscalationLadder.Plan(rules, task.DispatchedAt!.Value, deadline);
        var reason = $"+{command.By}: {command.Reason}";
        task.Deadline = deadline;
        task.Schedule = schedule;
        task.Overdue = task.Overdue && now >= deadline;
        task.Extensions++;
        return Commit(task, task.State, ctx, name, reason, now);
    }

    public static CommandOutcome Park(LiveTask task, CommandContext ctx, TaskNote command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "park";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters, Mask(TaskState.Assigned) | Mask(TaskState.InProgress));
        var remaining = rules.Calendar.WorkingTicksBetween(now, task.Deadline!.Value);
        var from = task.State;
        task.State = TaskState.Parked;
        task.ParkedFrom = from;
        task.ParkedRemainingMinutes = (remaining + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute;
        task.ExcludedFromOnTime = true;
        task.Schedule = null;
        return Commit(task, from, ctx, name, command.Reason, now);
    }

    public static CommandOutcome Unpark(LiveTask task, CommandContext ctx, TaskNote command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "unpark";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters, Mask(TaskState.Parked));
        var deadline = rules.Calendar.AddWorkingTicks(now, task.ParkedRemainingMinutes * TimeSpan.TicksPerMinute);
        var schedule = EscalationLadder.Plan(rules, now, deadline);
        var from = task.State;
        task.State = task.ParkedFrom;
        task.Deadline = deadline;
        task.Schedule = schedule;
        task.Overdue = task.Overdue && now >= deadline;
        task.ParkedRemainingMinutes = 0;
        return Commit(task, from, ctx, name, command.Reason, now);
    }

    public static CommandOutcome Cancel(LiveTask task, CommandContext ctx, CancelTask command, DateTimeOffset now)
    {
        const string name = "cancel";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        const int open = (1 << (int)TaskState.Reported) | (1 << (int)TaskState.Assigned) | (1 << (int)TaskState.InProgress)
            | (1 << (int)TaskState.Submitted) | (1 << (int)TaskState.Parked) | (1 << (int)TaskState.Disputed);
        Guard(task, ctx, name, Who.Headquarters | Who.OwnGrid, open);
        var reason = command.Reason + Suffix(command.Note);
        var from = task.State;
        task.State = TaskState.Cancelled;
        task.CancelReason = command.Reason;
        task.Schedule = null;
        return Commit(task, from, ctx, name, reason, now);
    }

    public static CommandOutcome Reopen(LiveTask task, CommandContext ctx, TaskNote command, CampaignRules rules, DateTimeOffset now)
    {
        const string name = "reopen";
        if (TryReplay(task, ctx, name, out var replay))
        {
            return replay;
        }

        Guard(task, ctx, name, Who.Headquarters | Who.OwnGrid, Mask(TaskState.Closed));
        var from = task.State;
        Dispatch(task, task.LeadDepartment, task.TimeLimit, rules, now);
        task.Recurrences++;
        task.FirstHandledAt = null;
        task.HandledOnTime = false;
        task.ClosedAt = null;
        task.ClosedOnTime = false;
        task.ExcludedFromOnTime = false;
        return Commit(task, from, ctx, name, command.Reason, now);
    }

    public static CommandOutcome Dispute(LiveTask task, CommandContext ctx, TaskNote command, DateTimeOffset now)
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

        var from = task.State;
        task.State = TaskState.Disputed;
        task.Disputes++;
        return Commit(task, from, ctx, name, command.Reason, now);
    }

    public static CommandOutcome Arbitrate(LiveTask task, CommandContext ctx, ArbitrateTask command, CampaignRules rules, DateTimeOffset now)
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
        var reason = $"to {command.DepartmentCode}" + Suffix(command.Note);
        var from = task.State;
        Dispatch(task, command.DepartmentCode, limit, rules, now);
        return Commit(task, from, ctx, name, reason, now);
    }

    /// <summary>
    /// Runs a command on the task as it stands at <paramref name="now"/>: escalation steps already due are taken first
    /// (a reminder tick may not have run yet), then the command; notices of both are returned. If the command is
    /// rejected or replayed, the steps taken first are taken back, so the task is as it was. The command is a static
    /// lambda and its arguments a value, so a command allocates no closure.
    /// </summary>
    public static CommandOutcome Run<TArgs>(LiveTask task, DateTimeOffset now, TArgs args, Func<LiveTask, TArgs, CommandOutcome> command)
    {
        var (escalation, overdue, counts, lines) = (task.Escalation, task.Overdue, task.EscalationCounts, task.Ledger.Count);
        var caughtUp = Escalate(task, now, out var earlier);
        CommandOutcome outcome;
        try
        {
            outcome = command(task, args);
        }
        catch
        {
            if (caughtUp)
            {
                Restore();
            }

            throw;
        }

        if (outcome.Replayed)
        {
            if (caughtUp)
            {
                Restore();
            }

            return outcome;
        }

        return earlier.IsEmpty ? outcome : outcome with { Notices = earlier.AddRange(outcome.Notices) };

        // Escalation changes these four only.
        void Restore()
        {
            task.Escalation = escalation;
            task.Overdue = overdue;
            task.EscalationCounts = counts;
            task.TruncateLedger(lines);
        }
    }

    /// <summary>
    /// The reminder tick: takes every escalation step due at <paramref name="now"/> and records when the reminder must
    /// fire next (<see cref="EscalationLadder.NextDue(TaskState, EscalationSchedule?, EscalationLevel, bool)"/>; null: unregister it).
    /// </summary>
    /// <returns>False when nothing was due and the reminder time stands: the task is unchanged.</returns>
    public static bool Tick(LiveTask task, DateTimeOffset now, out ImmutableArray<EscalationNotice> notices)
    {
        var next = EscalationLadder.NextDue(task.State, task.Schedule, task.Escalation, task.Overdue);
        if (!Due(task.State, task.Schedule, task.Escalation, task.Overdue, now) && next == task.ReminderDueAt)
        {
            notices = [];
            return false;
        }

        var escalated = Escalate(task, now, out notices);
        var armed = task.ReminderDueAt;
        task.ReminderDueAt = EscalationLadder.NextDue(task.State, task.Schedule, task.Escalation, task.Overdue);
        return escalated || task.ReminderDueAt != armed;
    }

    /// <summary>Is an escalation step or the overdue mark due at <paramref name="now"/>? Checked before anything changes.</summary>
    private static bool Due(TaskState state, EscalationSchedule? schedule, EscalationLevel escalation, bool overdue, DateTimeOffset now) =>
        EscalationLadder.ClockRuns(state) && schedule is { } steps
        && (EscalationLadder.LevelDue(steps, now) > escalation || (!overdue && now >= steps.SupervisionAt));

    /// <summary>Takes every escalation step due at <paramref name="now"/>; false (and nothing changed) when none is.</summary>
    public static bool Escalate(LiveTask task, DateTimeOffset now, out ImmutableArray<EscalationNotice> notices)
    {
        notices = [];
        if (!Due(task.State, task.Schedule, task.Escalation, task.Overdue, now))
        {
            return false;
        }

        var schedule = task.Schedule!.Value;
        var due = EscalationLadder.LevelDue(schedule, now);
        var overdue = task.Overdue || now >= schedule.SupervisionAt;

        var sequence = task.LastSequence;
        if (due <= task.Escalation)
        {
            sequence++;
            task.Ledger.Add(new LedgerEntry(
                sequence, now, EscalationId(sequence), "overdue", SystemActor, ActorRole.Headquarters, task.State, task.State, "deadline passed"));
            task.Overdue = overdue;
            return true;
        }

        // The counts are shared with facts already sent, so they are copied, never changed.
        var counts = task.EscalationCounts.ToArray();
        var taken = new EscalationNotice[(int)(due - task.Escalation)];
        for (var level = task.Escalation + 1; level <= due; level++)
        {
            sequence++;
            task.Ledger.Add(new LedgerEntry(
                sequence, now, EscalationId(sequence), "escalate", SystemActor, ActorRole.Headquarters, task.State, task.State, LevelName(level)));
            counts[(int)level]++;
            taken[(int)(level - task.Escalation - 1)] = new EscalationNotice(
                task.Case.TaskId, level, now, task.Case.GridCode, task.LeadDepartment, task.Deadline, [task.LeadDepartment]);
        }

        task.Escalation = due;
        task.Overdue = overdue;
        task.EscalationCounts = ImmutableCollectionsMarshal.AsImmutableArray(counts);
        notices = ImmutableCollectionsMarshal.AsImmutableArray(taken);
        return true;
    }

    private const int InitialLedgerCapacity = 8;

    // The command ids of escalation lines, made once: a task keeps every ledger line's id for good, so a new string
    // per step was one more object for every collection to mark. Ledgers rarely pass a few dozen lines.
    private static readonly string[] s_escalationIds = [.. Enumerable.Range(0, 64).Select(static n => $"escalation:{n}")];

    // The level's name as the escalation line's reason; an enum's ToString boxes the value each time.
    private static readonly string?[] s_levelNames = LevelNames();

    private static string LevelName(EscalationLevel level) =>
        ((uint)level < (uint)s_levelNames.Length ? s_levelNames[(int)level] : null) ?? level.ToString();

    private static string?[] LevelNames()
    {
        var levels = Enum.GetValues<EscalationLevel>();
        var names = new string?[(int)levels.Max() + 1];
        foreach (var level in levels)
        {
            names[(int)level] = level.ToString();
        }

        return names;
    }

    private static string EscalationId(long sequence) =>
        sequence < s_escalationIds.Length ? s_escalationIds[sequence] : $"escalation:{sequence}";

    private static void Dispatch(LiveTask task, string department, TimeLimit limit, CampaignRules rules, DateTimeOffset now)
    {
        var deadline = rules.Calendar.Add(now, limit);
        var schedule = EscalationLadder.Plan(rules, now, deadline);
        task.State = TaskState.Assigned;
        task.LeadDepartment = department;
        task.TimeLimit = limit;
        task.DispatchedAt = now;
        task.Deadline = deadline;
        task.Schedule = schedule;
        task.Escalation = EscalationLevel.None;
        task.Overdue = false;
    }

    private static void Undispatch(LiveTask task)
    {
        task.LeadDepartment = "";
        task.CoDepartments = [];
        task.Deadline = null;
        task.Schedule = null;
        task.Escalation = EscalationLevel.None;
        task.Overdue = false;
    }

    /// <summary>Appends the command's ledger line, takes the escalation steps the command made due and arms the reminder.</summary>
    private static CommandOutcome Commit(LiveTask task, TaskState from, CommandContext ctx, string name, string reason, DateTimeOffset now)
    {
        var entry = new LedgerEntry(task.LastSequence + 1, now, ctx.CommandId, name, ctx.ActorId, ctx.Role, from, task.State, reason);
        task.Ledger.Add(entry);
        Escalate(task, now, out var notices);
        task.ReminderDueAt = Armed(task);
        return new CommandOutcome(ResultOf(task.TaskId, entry), false, notices);
    }

    /// <summary>
    /// When the task's escalation reminder is due after a command: moved earlier when the next step is earlier than the
    /// armed time, dropped when the clock stopped (a tick would find nothing to do); otherwise the armed time stands,
    /// as its tick re-arms for the step after.
    /// </summary>
    private static DateTimeOffset? Armed(LiveTask task)
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
