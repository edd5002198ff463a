using System.Collections.Immutable;
using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using ActorCity.Runtime.Storage;

namespace ActorCity.Grains;

/// <summary>Grid grain (网格): counts its tasks, receives escalation notices for its chief and responsible leader, shows its checkpoints.</summary>
public sealed class GridGrain : Grain, IGridGrain
{
    private readonly IPersistentState<GridState> _state;
    private readonly StateWriter<GridState> _writer;
    private string? _code;

    public GridGrain([PersistentState("grid")] IPersistentState<GridState> state)
    {
        _state = state;
        // An aggregate applies a change in place and then writes it. When the write fails, the caller (the task telling
        // it) fails too and will tell it again; the activation goes, so the aggregate is read back as stored and the
        // retold change is newer than what it holds, applied and written, instead of being ignored as already known.
        _writer = new StateWriter<GridState>(state, DeactivateOnIdle);
    }

    private string Code => _code ??= KeyParts.Split(this.GetPrimaryKeyString(), "grid").Code;

    private GridState State => _state.State ??= new GridState();

    public Task ConfigureAsync(CommandContext ctx, GridSetup setup)
    {
        GridBook.AuthorizeOwn(Code, ctx, "configure");
        if (setup.Code != Code)
        {
            throw new DomainException(DomainErrors.InvalidCommand, $"Setup for grid '{setup.Code}' sent to grid '{Code}': codes must match.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var checkpoint in setup.Checkpoints)
        {
            if (!ids.Add(checkpoint.Id))
            {
                throw new DomainException(DomainErrors.InvalidCommand, $"Checkpoint id '{checkpoint.Id}' appears twice in grid '{Code}'.");
            }
        }

        var s = State;
        s.CampaignId = KeyParts.Split(this.GetPrimaryKeyString(), "grid").CampaignId;
        s.Setup = setup;
        return _writer.WriteAsync();
    }

    public Task<GridStatus> GetStatusAsync()
    {
        var s = State;
        var setup = s.Setup ?? new GridSetup(Code, "", "", "");
        return Task.FromResult(new GridStatus(
            Code, setup.Name, setup.ChiefId, setup.ResponsibleLeaderId, s.Counters, [.. s.RecentNotices], GridBook.NamedTasks(s, Code)));
    }

    public Task<ImmutableArray<CheckpointView>> GetCheckpointsAsync() => Task.FromResult(GridBook.Checkpoints(State, Code));

    public ValueTask<int> OnTaskChanged(TaskChange change) =>
        GridBook.Apply(State, change, Code, out var row) ? _writer.WriteThen(row) : ValueTask.FromResult(row);
}
