using ActorCity.Runtime;
using ActorCity.Runtime.Storage;

namespace ActorCity.Grains.Tests.Runtime;

/// <summary>
/// Grain storage that fails every write of one state name (task, grid, department) while <see cref="FailingState"/>
/// names it, and counts the task and grid writes that reached the store.
/// </summary>
internal sealed class FailingStorage(IGrainStorage inner) : IGrainStorage
{
    public string? FailingState { get; set; }

    /// <summary>Task-grain writes that reached the store.</summary>
    public int TaskWrites { get; private set; }

    /// <summary>Grid-grain writes that reached the store.</summary>
    public int GridWrites { get; private set; }

    public static string MessageFor(string stateName) => $"The store is down for '{stateName}'.";

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        if (stateName == FailingState)
        {
            return Task.FromException(new InvalidOperationException(MessageFor(stateName)));
        }

        if (stateName == "task")
        {
            TaskWrites++;
        }
        else if (stateName == "grid")
        {
            GridWrites++;
        }

        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
