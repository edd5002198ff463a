using System.Collections.Immutable;
using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using ActorCity.Runtime.Storage;

namespace ActorCity.Grains;

/// <summary>
/// Rectification task grain (整改任务). Thin: load state, call <see cref="TaskMachine"/>, write, notify the grid and
/// department aggregates. Escalation runs on one durable reminder, re-armed for the next step only when that step is
/// earlier than the one already armed; a tick with nothing left to do unregisters it.
/// </summary>
public sealed class TaskGrain : Grain, ITaskGrain, IRemindable
{
    public const string ReminderName = "escalation";

    /// <summary>Reminders need a period; ticks re-arm or unregister, so the period is only a safety net.</summary>
    private static readonly TimeSpan s_reminderPeriod = TimeSpan.FromDays(1);

    /// <summary>How soon a tick whose grid or department missed the news comes back to tell them again.</summary>
    public static readonly TimeSpan NotifyRetry = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<LiveTask> _state;
    private readonly StateWriter<LiveTask> _writer;
    private CampaignRules? _rules;
    private IGrainReminder? _reminder;
    private IGridGrain? _grid;
    private (string Code, IDepartmentGrain Grain)? _department;

    // Where the grid and the lead department said they keep this task, named in the next change (TaskChange.Row).
    private int _gridRow;
    private int _departmentRow;

    // A tick stored a change that its grid or department failed to take. Nobody retries a tick, so the reminder stays
    // armed to come back soon and tell them again (a command that tells them first clears this).
    private bool _aggregatesBehind;

    public TaskGrain([PersistentState("task")] IPersistentState<LiveTask> state)
    {
        _state = state;
        _writer = new StateWriter<LiveTask>(state);
    }

    private DateTimeOffset Now => GrainContext.TimeProvider.GetUtcNow();

    /// <summary>The task, changed in place by each accepted command; never handed out (see <see cref="GetAsync"/>).</summary>
    private LiveTask Current => _state.State ??= new LiveTask();

    public async ValueTask<TaskCommandResult> Report(CommandContext ctx, ReportTask command)
    {
        var rules = await RulesAsync(command.CampaignId);
        var task = Current;
        var before = new Before(task);
        return await ApplyAsync(before, TaskMachine.Report(task, this.GetPrimaryKeyString(), ctx, command, rules, Now));
    }

    // Each command runs through TaskMachine.Run with a static lambda and its arguments as a value: no closure per command.
    public async ValueTask<TaskCommandResult> Assign(CommandContext ctx, AssignTask command)
    {
        var rules = await RulesAsync();
        return await Run((ctx, command, rules, Now), static (t, a) => TaskMachine.Assign(t, a.ctx, a.command, a.rules, a.Now));
    }

    public ValueTask<TaskCommandResult> Start(CommandContext ctx) => Run((ctx, Now), static (t, a) => TaskMachine.Start(t, a.ctx, a.Now));

    public ValueTask<TaskCommandResult> Submit(CommandContext ctx, TaskNote command) =>
        Run((ctx, command, Now), static (t, a) => TaskMachine.Submit(t, a.ctx, a.command, a.Now));

    public ValueTask<TaskCommandResult> Verify(CommandContext ctx, VerifyTask command) =>
        Run((ctx, command, Now), static (t, a) => TaskMachine.Verify(t, a.ctx, a.command, a.Now));

    public ValueTask<TaskCommandResult> Return(CommandContext ctx, TaskNote command) =>
        Run((ctx, command, Now), static (t, a) => TaskMachine.Return(t, a.ctx, a.command, a.Now));

    public async ValueTask<TaskCommandResult> Extend(CommandContext ctx, ExtendTask command)
    {
        var rules = await RulesAsync();
        return await Run((ctx, command, rules, Now), static (t, a) => TaskMachine.Extend(t, a.ctx, a.command, a.rules, a.Now));
    }

    public async ValueTask<TaskCommandResult> Park(CommandContext ctx, TaskNote command)
    {
        var rules = await RulesAsync();
        return await Run((ctx, command, rules, Now), static (t, a) => TaskMachine.Park(t, a.ctx, a.command, a.rules, a.Now));
    }

    public async ValueTask<TaskCommandResult> Unpark(CommandContext ctx, TaskNote command)
    {
        var rules = await RulesAsync();
        return await Run((ctx, command, rules, Now), static (t, a) => TaskMachine.Unpark(t, a.ctx, a.command, a.rules, a.Now));
    }

    public ValueTask<TaskCommandResult> Cancel(CommandContext ctx, CancelTask command) =>
        Run((ctx, command, Now), static (t, a) => TaskMachine.Cancel(t, a.ctx, a.command, a.Now));

    public async ValueTask<TaskCommandResult> Reopen(CommandContext ctx, TaskNote command)
    {
        var rules = await RulesAsync();
        return await Run((ctx, command, rules, Now), static (t, a) => TaskMachine.Reopen(t, a.ctx, a.command, a.rules, a.Now));
    }

    public ValueTask<TaskCommandResult> Dispute(CommandContext ctx, TaskNote command) =>
        Run((ctx, command, Now), static (t, a) => TaskMachine.Dispute(t, a.ctx, a.command, a.Now));

    public async ValueTask<TaskCommandResult> Arbitrate(CommandContext ctx, ArbitrateTask command)
    {
        var rules = await RulesAsync();
        return await Run((ctx, command, rules, Now), static (t, a) => TaskMachine.Arbitrate(t, a.ctx, a.command, a.rules, a.Now));
    }

    /// <summary>A snapshot: the live task keeps changing, what a caller holds must not.</summary>
    public Task<TaskRecord?> GetAsync() => Task.FromResult(Current.Exists ? Current.ToRecord() : null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var task = Current;
        if (!task.Exists)
        {
            await UnregisterEscalationAsync();
            return;
        }

        var before = new Before(task);
        var now = Now;
        var changed = TaskMachine.Tick(task, now, out var notices);
        var behind = _aggregatesBehind;
        try
        {
            if (task.ReminderDueAt is { } due)
            {
                _reminder = await RegisterOrUpdateReminder(ReminderName, Max(due - now), s_reminderPeriod);
            }
            else if (!behind)
            {
                await UnregisterEscalationAsync();
            }

            if (!changed && !behind)
            {
                return;
            }

            if (changed)
            {
                await _writer.WriteAsync();
            }
        }
        catch when (changed)
        {
            DiscardUnsaved();
            throw;
        }

        if (task.LastSequence != before.LastSequence || behind)
        {
            await NotifyFromTickAsync(before, task, notices, behind);
        }
    }

    /// <summary>
    /// Tells the grid and department what a tick changed (or, when they missed an earlier tick, the task as it is now:
    /// they take facts only when newer). On failure the reminder is armed to come back after <see cref="NotifyRetry"/>.
    /// </summary>
    private async Task NotifyFromTickAsync(Before before, LiveTask task, ImmutableArray<EscalationNotice> notices, bool wasBehind)
    {
        try
        {
            await NotifyAsync(before, task, notices);
        }
        catch
        {
            _aggregatesBehind = true;
            var retry = task.ReminderDueAt is { } due && due - Now < NotifyRetry ? Max(due - Now) : NotifyRetry;
            try
            {
                _reminder = await RegisterOrUpdateReminder(ReminderName, retry, s_reminderPeriod);
            }
            catch (Exception)
            {
                // The reminder table is down too: the reminder as armed before (if any) is the next chance.
            }

            throw;
        }

        _aggregatesBehind = false;
        if (wasBehind && task.ReminderDueAt is null)
        {
            // Armed only to come back for the aggregates.
            await UnregisterEscalationAsync();
        }
    }

    private ValueTask<TaskCommandResult> Run<TArgs>(TArgs args, Func<LiveTask, TArgs, CommandOutcome> command)
    {
        var task = Current;
        var before = new Before(task);
        return ApplyAsync(before, TaskMachine.Run(task, Now, args, command));
    }

    private async ValueTask<TaskCommandResult> ApplyAsync(Before before, CommandOutcome outcome)
    {
        if (outcome.Replayed)
        {
            // A retry: the first attempt may have stored the task and then failed while telling the aggregates, which
            // then hold older facts. They take facts only when newer, so telling them again is harmless and lets them
            // catch up. (The first attempt's notices are not sent again: the counts travel in the facts.)
            await NotifyAsync(before, Current, []);
            _aggregatesBehind = false;
            return outcome.Result;
        }

        // The machine moved the reminder earlier, or dropped it when the escalation clock stopped (submitted, parked,
        // disputed, closed, cancelled: a tick would find nothing to do, so it goes now rather than at its next firing).
        var task = Current;
        try
        {
            if (task.ReminderDueAt != before.ReminderDueAt)
            {
                if (task.ReminderDueAt is { } due)
                {
                    _reminder = await RegisterOrUpdateReminder(ReminderName, Max(due - Now), s_reminderPeriod);
                }
                else
                {
                    await UnregisterEscalationAsync();
                }
            }

            await _writer.WriteAsync();
        }
        catch
        {
            DiscardUnsaved();
            throw;
        }

        await NotifyAsync(before, task, outcome.Notices);
        // The command told the aggregates the task as it is now: what a failed tick left them behind on too.
        _aggregatesBehind = false;
        return outcome.Result;
    }

    /// <summary>
    /// The task was changed in place before its reminder and its write; when either fails, the command is not
    /// acknowledged, so the unsaved change must not outlive it (a retry would otherwise be answered from a ledger line
    /// that was never stored). The activation goes, and the next call reads the task back from storage.
    /// </summary>
    private void DiscardUnsaved() => DeactivateOnIdle();

    private async Task UnregisterEscalationAsync()
    {
        if ((_reminder ?? await GetReminder(ReminderName)) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }

        _reminder = null;
    }

    private ValueTask NotifyAsync(Before before, LiveTask after, ImmutableArray<EscalationNotice> notices)
    {
        var change = new TaskChange(Aggregation.FactsOf(after), notices);
        var grid = GridOf(after).OnTaskChanged(change with { Row = _gridRow });
        var lead = after.LeadDepartment;
        var previous = before.LeadDepartment;
        if (lead.Length == 0 && previous.Length == 0)
        {
            if (grid.IsCompletedSuccessfully)
            {
                _gridRow = grid.Result;
                return default;
            }

            return new ValueTask(AfterAllAsync(grid, null, null, []));
        }

        var told = lead.Length > 0 ? lead : previous;
        var departmentGrain = DepartmentOf(after.CampaignId, told);
        var department = departmentGrain.OnTaskChanged(change with { Row = _departmentRow });
        var moved = previous.Length > 0 && lead.Length > 0 && previous != lead;
        if (!moved && CoDepartmentsOf(before.CoDepartments).IsEmpty && CoDepartmentsOf(after.CoDepartments).IsEmpty)
        {
            // The usual case, and both aggregates usually finish inline: nothing to allocate to wait on them.
            if (grid.IsCompletedSuccessfully && department.IsCompletedSuccessfully)
            {
                _gridRow = grid.Result;
                _departmentRow = department.Result;
                return default;
            }

            return new ValueTask(AfterAllAsync(grid, department, told, []));
        }

        // The department the task left, and co-departments (配合单位) present and past, follow it too. They are rare, so
        // their references are not kept (the kept one stays the lead's) and they are told no row.
        var others = new List<Task>();
        if (moved)
        {
            others.Add(OtherDepartment(after.CampaignId, previous).OnTaskChanged(change).AsTask());
        }

        foreach (var code in CoDepartmentsOf(before.CoDepartments).Union(CoDepartmentsOf(after.CoDepartments), StringComparer.Ordinal))
        {
            if (code != lead && code != previous)
            {
                others.Add(OtherDepartment(after.CampaignId, code).OnTaskChanged(change).AsTask());
            }
        }

        return new ValueTask(AfterAllAsync(grid, department, told, others));
    }

    /// <summary>
    /// Waits for every aggregate told (each failure is observed, the first one thrown), then keeps the rows the grid and
    /// the department told first (<paramref name="departmentCode"/>) answered.
    /// </summary>
    private async Task AfterAllAsync(ValueTask<int> grid, ValueTask<int>? department, string? departmentCode, List<Task> others)
    {
        var gridCall = grid.AsTask();
        var departmentCall = department?.AsTask();
        await Task.WhenAll([gridCall, .. departmentCall is null ? [] : new Task[] { departmentCall }, .. others]);
        _gridRow = gridCall.Result;
        if (departmentCall is not null && _department?.Code == departmentCode)
        {
            _departmentRow = departmentCall.Result;
        }
    }

    private IDepartmentGrain OtherDepartment(string campaignId, string code) =>
        GrainFactory.GetGrain<IDepartmentGrain>(GrainKeys.Department(campaignId, code));

    /// <summary>The task's grid never changes, so its reference is made once per activation.</summary>
    private IGridGrain GridOf(LiveTask t) => _grid ??= GrainFactory.GetGrain<IGridGrain>(GrainKeys.Grid(t.CampaignId, t.GridCode));

    /// <summary>The lead department changes only on arbitration; the last reference is kept, with the row it gave.</summary>
    private IDepartmentGrain DepartmentOf(string campaignId, string code)
    {
        if (_department is not { } cached || cached.Code != code)
        {
            _department = cached = (code, GrainFactory.GetGrain<IDepartmentGrain>(GrainKeys.Department(campaignId, code)));
            _departmentRow = 0;
        }

        return cached.Grain;
    }

    private static ImmutableArray<string> CoDepartmentsOf(ImmutableArray<string> codes) => codes.IsDefault ? [] : codes;

    private async ValueTask<CampaignRules> RulesAsync(string? campaignId = null)
    {
        if (_rules is null)
        {
            var id = campaignId ?? Current.CampaignId;
            if (id.Length == 0)
            {
                throw new DomainException(DomainErrors.TaskNotFound, $"Task {this.GetPrimaryKeyString()} was never reported.");
            }

            _rules = CampaignRules.For(await GrainFactory.GetGrain<ICampaignGrain>(id).GetSettingsAsync());
        }

        return _rules;
    }

    private static TimeSpan Max(TimeSpan dueIn) => dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn;

    /// <summary>What the notifications and the reminder compare with, taken before a command changes the task in place.</summary>
    private readonly struct Before(LiveTask task)
    {
        public string LeadDepartment { get; } = task.LeadDepartment;

        public ImmutableArray<string> CoDepartments { get; } = task.CoDepartments;

        public DateTimeOffset? ReminderDueAt { get; } = task.ReminderDueAt;

        public long LastSequence { get; } = task.LastSequence;
    }
}
