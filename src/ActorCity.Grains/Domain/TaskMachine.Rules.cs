namespace ActorCity.Grains.Domain;

/// <summary>Who may issue a command, relative to the task.</summary>
[Flags]
public enum Who
{
    Headquarters = 1,

    /// <summary>A grid actor whose scope is the task's grid.</summary>
    OwnGrid = 2,

    /// <summary>A department actor whose scope is the task's lead department.</summary>
    LeadDepartment = 4,
}

public static partial class TaskMachine
{
    /// <summary>The bit of one state in a set of states.</summary>
    public static int Mask(TaskState state) => 1 << (int)state;

    private static bool TryReplay(LiveTask task, CommandContext ctx, string name, out CommandOutcome outcome)
    {
        if (task.FindCommand(ctx.CommandId) is { } entry)
        {
            if (entry.Command != name)
            {
                throw new DomainException(
                    DomainErrors.CommandIdReused,
                    $"Command id '{ctx.CommandId}' was already used for '{entry.Command}' on task {task.TaskId}; '{name}' needs its own id.");
            }

            outcome = new CommandOutcome(ResultOf(task.TaskId, entry), true, []);
            return true;
        }

        outcome = default;
        return false;
    }

    private static void CheckContext(CommandContext ctx, string name)
    {
        if (string.IsNullOrWhiteSpace(ctx.CommandId))
        {
            throw new DomainException(DomainErrors.InvalidCommand, $"'{name}' needs a command id (retries are recognised by it).");
        }

        if (ctx.Role == ActorRole.Viewer)
        {
            throw new DomainException(DomainErrors.RoleNotAllowed, $"A viewer may not issue '{name}': viewers only read.");
        }
    }

    private static void Guard(LiveTask task, CommandContext ctx, string name, Who who, int allowedStates)
    {
        CheckContext(ctx, name);
        if (!task.Exists)
        {
            throw new DomainException(DomainErrors.TaskNotFound, $"'{name}' needs a reported task; this task id was never reported.");
        }

        Authorize(ctx, name, task.Case.GridCode, task.LeadDepartment, who, task.TaskId);
        if ((allowedStates & Mask(task.State)) == 0)
        {
            throw new DomainException(
                DomainErrors.InvalidTransition,
                $"'{name}' is not allowed from {task.State}: task {task.TaskId} must be {Describe(allowedStates)}.");
        }
    }

    /// <summary>Headquarters acts anywhere it is allowed; a grid only on its own grid's tasks; a department only on tasks it leads.</summary>
    public static void Authorize(CommandContext ctx, string name, string gridCode, string leadDepartment, Who who, string taskId)
    {
        switch (ctx.Role)
        {
            case ActorRole.Headquarters when (who & Who.Headquarters) != 0:
                return;
            case ActorRole.Grid when (who & Who.OwnGrid) != 0:
                if (ctx.Scope != gridCode)
                {
                    throw new DomainException(
                        DomainErrors.OutOfScope,
                        $"Grid '{ctx.Scope}' may not '{name}' task {taskId}: it belongs to grid '{gridCode}'.");
                }

                return;
            case ActorRole.Department when (who & Who.LeadDepartment) != 0:
                if (ctx.Scope != leadDepartment)
                {
                    throw new DomainException(
                        DomainErrors.OutOfScope,
                        $"Department '{ctx.Scope}' may not '{name}' task {taskId}: its lead department is '{(leadDepartment.Length == 0 ? "none" : leadDepartment)}'.");
                }

                return;
            default:
                throw new DomainException(
                    DomainErrors.RoleNotAllowed,
                    $"Role {ctx.Role} may not '{name}' task {taskId}: allowed are {who}.");
        }
    }

    private static string Describe(int states)
    {
        var names = new List<string>(4);
        foreach (var state in Enum.GetValues<TaskState>())
        {
            if ((states & Mask(state)) != 0)
            {
                names.Add(state.ToString());
            }
        }

        return string.Join(" or ", names);
    }
}
