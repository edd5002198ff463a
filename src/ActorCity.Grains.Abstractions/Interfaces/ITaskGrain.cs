using ActorCity.Runtime;

namespace ActorCity.Grains;

/// <summary>
/// Rectification task (整改任务), keyed by a caller-chosen id ("T-000123"). Every command validates role, scope and
/// state, appends one ledger line, notifies its grid and lead department, and re-arms its escalation reminder.
/// A rejected command throws <see cref="DomainException"/> and changes nothing; a retried command id returns the first result.
/// </summary>
public interface ITaskGrain : IGrainWithStringKey
{
    /// <summary>Reported (发现/上报). Grid (its own grid) or headquarters.</summary>
    ValueTask<TaskCommandResult> Report(CommandContext ctx, ReportTask command);

    /// <summary>Reported → Assigned (交办). Grid (its grid) or headquarters. Deadline from dispatch time on the working calendar.</summary>
    ValueTask<TaskCommandResult> Assign(CommandContext ctx, AssignTask command);

    /// <summary>Assigned → InProgress: a crew takes it. Lead department (normally through <see cref="IDepartmentGrain.StartNextAsync"/>).</summary>
    ValueTask<TaskCommandResult> Start(CommandContext ctx);

    /// <summary>InProgress → Submitted (反馈). Lead department.</summary>
    ValueTask<TaskCommandResult> Submit(CommandContext ctx, TaskNote command);

    /// <summary>Submitted → Closed (销号) or InProgress as rework (返工). Grid (its grid) or headquarters.</summary>
    ValueTask<TaskCommandResult> Verify(CommandContext ctx, VerifyTask command);

    /// <summary>Assigned → Reported: wrongly dispatched, return for redispatch (回退). Lead department.</summary>
    ValueTask<TaskCommandResult> Return(CommandContext ctx, TaskNote command);

    /// <summary>Extension (延期) of an Assigned/InProgress task: first by grid, lead department or headquarters; later ones by headquarters only.</summary>
    ValueTask<TaskCommandResult> Extend(CommandContext ctx, ExtendTask command);

    /// <summary>Assigned/InProgress → Parked (挂账), clock stopped, out of on-time indicators. Headquarters.</summary>
    ValueTask<TaskCommandResult> Park(CommandContext ctx, TaskNote command);

    /// <summary>Parked → InProgress (or Assigned if never started) with the remaining working time. Headquarters.</summary>
    ValueTask<TaskCommandResult> Unpark(CommandContext ctx, TaskNote command);

    /// <summary>Any open state → Cancelled with a reason. Grid (its grid) or headquarters.</summary>
    ValueTask<TaskCommandResult> Cancel(CommandContext ctx, CancelTask command);

    /// <summary>Closed → Assigned: the problem came back (反弹回潮), same lead department, new deadline. Grid (its grid) or headquarters.</summary>
    ValueTask<TaskCommandResult> Reopen(CommandContext ctx, TaskNote command);

    /// <summary>Assigned → Disputed: the lead department refuses ownership (推诿扯皮). Lead department.</summary>
    ValueTask<TaskCommandResult> Dispute(CommandContext ctx, TaskNote command);

    /// <summary>Disputed/Assigned/InProgress → Assigned to another lead department, new deadline. Headquarters.</summary>
    ValueTask<TaskCommandResult> Arbitrate(CommandContext ctx, ArbitrateTask command);

    /// <summary>The task's state and ledger; null if never reported.</summary>
    Task<TaskRecord?> GetAsync();
}
