using System.Collections.Immutable;
using ActorCity.Runtime;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>Grid (网格), keyed <see cref="GrainKeys.Grid"/>: a block of territory accountable for its tasks (以块为主).</summary>
public interface IGridGrain : IGrainWithStringKey
{
    /// <summary>Create or update. Headquarters, or the grid itself.</summary>
    Task ConfigureAsync(CommandContext ctx, GridSetup setup);

    [AlwaysInterleave]
    Task<GridStatus> GetStatusAsync();

    /// <summary>Checkpoints with their open problems, ordered by checkpoint id (for inspections).</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<CheckpointView>> GetCheckpointsAsync();

    /// <summary>
    /// Called by tasks on every change. Interleaves, so a task may notify while this grain awaits it. Returns the row
    /// the grid keeps the task in, for the task to name in its next change (<see cref="TaskChange.Row"/>).
    /// </summary>
    [AlwaysInterleave]
    ValueTask<int> OnTaskChanged(TaskChange change);
}
