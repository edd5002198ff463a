namespace ActorCity.Runtime.Scheduler;

/// <summary>
/// Counts queued and running turns across the silo, so the virtual clock can wait for quiescence.
/// A request awaiting I/O or a timer is not a turn and is not counted.
/// </summary>
internal sealed class WorkTracker
{
    private long _outstanding;
    private TaskCompletionSource? _idle;

    public long Outstanding => Volatile.Read(ref _outstanding);

    public void Increment() => Interlocked.Increment(ref _outstanding);

    public void Decrement()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0 && Volatile.Read(ref _idle) is not null)
        {
            Interlocked.Exchange(ref _idle, null)?.TrySetResult();
        }
    }

    public async ValueTask WaitForQuiescenceAsync()
    {
        while (Outstanding != 0)
        {
            var idle = Volatile.Read(ref _idle);
            if (idle is null)
            {
                var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                idle = Interlocked.CompareExchange(ref _idle, created, null) ?? created;
            }

            if (Outstanding == 0)
            {
                Interlocked.Exchange(ref _idle, null)?.TrySetResult();
                break;
            }

            await idle.Task.ConfigureAwait(false);
        }
    }
}
