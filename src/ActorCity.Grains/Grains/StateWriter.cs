using ActorCity.Runtime.Storage;

namespace ActorCity.Grains;

/// <summary>
/// Coalesces writes of one grain's state. Interleaving methods (task notifications) may ask for a write while one is
/// in flight; they join it and one more write follows with the newest state, so two writes never race on the ETag.
/// </summary>
/// <param name="state">The grain's state, changed in place before each write.</param>
/// <param name="discardUnsaved">
/// Called when a write fails, for a grain whose changes are made in place before they are written: what failed to be
/// stored must not outlive the failure in memory (see <see cref="DepartmentGrain"/>, <see cref="GridGrain"/>).
/// </param>
internal sealed class StateWriter<TState>(IPersistentState<TState> state, Action? discardUnsaved = null)
{
    private Task? _inFlight;
    private bool _dirty;

    public Task WriteAsync()
    {
        _dirty = true;
        if (_inFlight is { IsCompleted: false })
        {
            return _inFlight;
        }

        var write = WriteLoopAsync();
        _inFlight = write.IsCompleted ? null : write;
        return write;
    }

    /// <summary>Writes, then answers <paramref name="result"/>; nothing is allocated when the write completes at once.</summary>
    public ValueTask<T> WriteThen<T>(T result)
    {
        var write = WriteAsync();
        return write.IsCompletedSuccessfully ? ValueTask.FromResult(result) : AfterAsync(write, result);

        static async ValueTask<T> AfterAsync(Task write, T result)
        {
            await write;
            return result;
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (_dirty)
            {
                _dirty = false;
                await state.WriteStateAsync();
            }
        }
        catch when (discardUnsaved is not null)
        {
            discardUnsaved();
            throw;
        }
    }
}
