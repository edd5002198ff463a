using ActorCity.Runtime.Storage;

namespace ActorCity.Grains;

/// <summary>
/// Coalesces writes of one grain's state. Interleaving methods (task notifications) may ask for a write while one is
/// in flight; they join it and one more write follows with the newest state, so two writes never race on the ETag.
/// </summary>
internal sealed class StateWriter<TState>(IPersistentState<TState> state)
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

    private async Task WriteLoopAsync()
    {
        while (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync();
        }
    }
}
