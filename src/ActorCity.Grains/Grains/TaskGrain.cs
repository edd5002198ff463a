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

    /// <summary>The state of a task never reported; immutable, so one instance serves every activation.</summary>
    private static readonly TaskRecord s_unreported = new();

    private readonly IPersistentState<TaskRecord> _state;
    private readonly StateWriter<TaskRecord> _writer;
    private CampaignRules? _rules;
    private IGrainReminder? _reminder;
    private IGridGrain? _grid;
    private (string Code, IDepartmentGrain Grain)? _department;

    public TaskGrain([PersistentState("task")] IPersistentState<TaskRecord> state)
    {
        _state = state;
        _writer = new StateWriter<TaskRecord>(state);
    }

    private DateTimeOffset Now => GrainContext.TimeProvider.GetUtcNow();

    private TaskRecord Current => _state.State ?? s_unreported;

    public async Task<TaskCommandResult> Report(CommandContext ctx, ReportTask command)
    {
        var rules = await RulesAsync(command.CampaignId);
        return await ApplyAsync(TaskMachine.Report(Current, this.GetPrimaryKeyString(), ctx, command, rules, Now));
    }

    public async Task<TaskCommandResult> Assign(CommandContext ctx, AssignTask command)
    {
        var rules = await RulesAsync();
        return await ApplyAsync(Run(t => TaskMachine.Assign(t, ctx, command, rules, Now)));
    }

    public Task<TaskCommandResult> Start(CommandContext ctx) => ApplyAsync(Run(t => TaskMachine.Start(t, ctx, Now)));

    public Task<TaskCommandResult> Submit(CommandContext ctx, TaskNote command) => ApplyAsync(Run(t => TaskMachine.Submit(t, ctx, command, Now)));

    public Task<TaskCommandResult> Verify(CommandContext ctx, VerifyTask command) => ApplyAsync(Run(t => TaskMachine.Verify(t, ctx, command, Now)));

    public Task<TaskCommandResult> Return(CommandContext ctx, TaskNote command) => ApplyAsync(Run(t => TaskMachine.Return(t, ctx, command, Now)));

    public async Task<TaskCommandResult> Extend(CommandContext ctx, ExtendTask command)
    {
        var rules = await RulesAsync();
        return await ApplyAsync(Run(t => TaskMachine.Extend(t, ctx, command, rules, Now)));
    }

    public async Task<TaskCommandResult> Park(CommandContext ctx, TaskNote command)
    {
        var rules = await RulesAsync();
        return await ApplyAsync(Run(t => TaskMachine.Park(t, ctx, command, rules, Now)));
    }

    public async Task<TaskCommandResult> Unpark(CommandContext ctx, TaskNote command)
    {
        var rules = await RulesAsync();
        return await ApplyAsync(Run(t => TaskMachine.Unpark(t, ctx, command, rules, Now)));
    }

    public Task<TaskCommandResult> Cancel(CommandContext ctx, CancelTask command) => ApplyAsync(Run(t => TaskMachine.Cancel(t, ctx, command, Now)));

    public async Task<TaskCommandResult> Reopen(CommandContext ctx, TaskNote command)
    {
        var rules = await RulesAsync();
        return await ApplyAsync(Run(t => TaskMachine.Reopen(t, ctx, command, rules, Now)));
    }

    public Task<TaskCommandResult> Dispute(CommandContext ctx, TaskNote command) => ApplyAsync(Run(t => TaskMachine.Dispute(t, ctx, command, Now)));

    public async Task<TaskCommandResult> Arbitrate(CommandContext ctx, ArbitrateTask command)
    {
        var rules = await RulesAsync();
        return await ApplyAsync(Run(t => TaskMachine.Arbitrate(t, ctx, command, rules, Now)));
    }

    public Task<TaskRecord?> GetAsync() => Task.FromResult(Current.Exists ? Current : null);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var before = Current;
        if (!before.Exists)
        {
            await UnregisterEscalationAsync();
            return;
        }

        var now = Now;
        var (after, notices) = TaskMachine.Tick(before, now);
        if (after.ReminderDueAt is { } due)
        {
            _reminder = await RegisterOrUpdateReminder(ReminderName, Max(due - now), s_reminderPeriod);
        }
        else
        {
            await UnregisterEscalationAsync();
        }

        if (ReferenceEquals(after, before))
        {
            return;
        }

        _state.State = after;
        await _writer.WriteAsync();
        if (after.LastSequence != before.LastSequence)
        {
            await NotifyAsync(before, after, notices);
        }
    }

    private async Task<TaskCommandResult> ApplyAsync(TaskOutcome outcome)
    {
        if (outcome.Replayed)
        {
            return outcome.Result;
        }

        // The machine moved the reminder earlier, or dropped it when the escalation clock stopped (submitted, parked,
        // disputed, closed, cancelled: a tick would find nothing to do, so it goes now rather than at its next firing).
        var before = Current;
        var after = outcome.Record;
        if (after.ReminderDueAt != before.ReminderDueAt)
        {
            if (after.ReminderDueAt is { } due)
            {
                _reminder = await RegisterOrUpdateReminder(ReminderName, Max(due - Now), s_reminderPeriod);
            }
            else
            {
                await UnregisterEscalationAsync();
            }
        }

        _state.State = after;
        await _writer.WriteAsync();
        await NotifyAsync(before, after, outcome.Notices);
        return outcome.Result;
    }

    private async Task UnregisterEscalationAsync()
    {
        if ((_reminder ?? await GetReminder(ReminderName)) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }

        _reminder = null;
    }

    private Task NotifyAsync(TaskRecord before, TaskRecord after, ImmutableArray<EscalationNotice> notices)
    {
        var change = new TaskChange(Aggregation.FactsOf(after), notices);
        var grid = GridOf(after).OnTaskChanged(change);
        var lead = after.LeadDepartment;
        var previous = before.LeadDepartment;
        if (lead.Length == 0 && previous.Length == 0)
        {
            return grid;
        }

        var department = DepartmentOf(after.CampaignId, lead.Length > 0 ? lead : previous).OnTaskChanged(change);
        var moved = previous.Length > 0 && lead.Length > 0 && previous != lead;
        if (!moved && CoDepartmentsOf(before).IsEmpty && CoDepartmentsOf(after).IsEmpty)
        {
            // The usual case, and both aggregates usually finish inline: nothing to allocate to wait on them.
            return grid.IsCompletedSuccessfully ? department : department.IsCompletedSuccessfully ? grid : Task.WhenAll(grid, department);
        }

        var calls = new List<Task> { grid, department };
        if (moved)
        {
            calls.Add(DepartmentOf(after.CampaignId, previous).OnTaskChanged(change));
        }

        // Co-departments (配合单位), present and past, follow the task too; the lead ones are already told.
        foreach (var code in CoDepartmentsOf(before).Union(CoDepartmentsOf(after), StringComparer.Ordinal))
        {
            if (code != lead && code != previous)
            {
                calls.Add(DepartmentOf(after.CampaignId, code).OnTaskChanged(change));
            }
        }

        return Task.WhenAll(calls);
    }

    /// <summary>The task's grid never changes, so its reference is made once per activation.</summary>
    private IGridGrain GridOf(TaskRecord t) => _grid ??= GrainFactory.GetGrain<IGridGrain>(GrainKeys.Grid(t.CampaignId, t.GridCode));

    /// <summary>The lead department changes only on arbitration; the last reference is kept.</summary>
    private IDepartmentGrain DepartmentOf(string campaignId, string code)
    {
        if (_department is not { } cached || cached.Code != code)
        {
            _department = cached = (code, GrainFactory.GetGrain<IDepartmentGrain>(GrainKeys.Department(campaignId, code)));
        }

        return cached.Grain;
    }

    private static ImmutableArray<string> CoDepartmentsOf(TaskRecord t) => t.CoDepartments.IsDefault ? [] : t.CoDepartments;

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

    private TaskOutcome Run(Func<TaskRecord, TaskOutcome> command) => TaskMachine.Run(Current, Now, command);

    private static TimeSpan Max(TimeSpan dueIn) => dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn;
}
