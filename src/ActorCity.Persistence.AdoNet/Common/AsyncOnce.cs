namespace ActorCity.Persistence.AdoNet;

/// <summary>
/// Runs an initialization once, on first use, for every caller; a failed attempt is retried by the next caller.
/// The work itself ignores callers' cancellation so one impatient caller cannot fail it for the others.
/// </summary>
internal sealed class AsyncOnce(Func<Task> initialize)
{
    private readonly Lock _lock = new();
    private Task? _task;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        var task = Volatile.Read(ref _task);
        if (task is { IsCompletedSuccessfully: true })
        {
            return task;
        }

        lock (_lock)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                _task = Task.Run(initialize, CancellationToken.None);
            }

            return _task.WaitAsync(cancellationToken);
        }
    }
}
