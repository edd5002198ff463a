using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>Who issues a command: headquarters (总指挥部), a department (职能部门), a grid (网格) or a read-only viewer.</summary>
public enum ActorRole
{
    Viewer = 0,
    Headquarters = 1,
    Department = 2,
    Grid = 3,
}

/// <summary>
/// Carried by every command. <see cref="CommandId"/> makes retries safe: a grain that already applied a command
/// with this id returns the first result and applies nothing. <see cref="Scope"/> is the department code for
/// <see cref="ActorRole.Department"/>, the grid code for <see cref="ActorRole.Grid"/>, ignored otherwise.
/// A value, so the context of each command costs no object; a default one has no command id and every command refuses it.
/// </summary>
[Immutable]
public readonly record struct CommandContext(string CommandId, string ActorId, ActorRole Role, string Scope = "")
{
    public static CommandContext Headquarters(string commandId, string actorId = "hq") => new(commandId, actorId, ActorRole.Headquarters);

    public static CommandContext Department(string commandId, string departmentCode, string actorId = "") =>
        new(commandId, actorId.Length == 0 ? departmentCode : actorId, ActorRole.Department, departmentCode);

    public static CommandContext Grid(string commandId, string gridCode, string actorId = "") =>
        new(commandId, actorId.Length == 0 ? gridCode : actorId, ActorRole.Grid, gridCode);
}
