using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Messaging;

namespace ActorCity.Runtime.Timers;

/// <summary>A timer owned by an activation; stopped when the activation deactivates.</summary>
internal interface IActivationTimer
{
    void Stop();
}

/// <summary>
/// A grain timer on the grain clock. Each tick is queued as a turn of its activation (unless it interleaves), and the
/// period is counted from the end of the previous callback, as in Orleans.
/// </summary>
internal sealed class GrainTimer<TState> : IGrainTimer, IActivationTimer
{
    private readonly ActivationData _activation;
    private readonly Func<TState, CancellationToken, Task> _callback;
    private readonly TState _state;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stopped = new();
    private readonly bool _interleave;
    private readonly bool _keepAlive;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private int _disposed;

    public GrainTimer(ActivationData activation, TimeProvider clock, Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _interleave = options.Interleave;
        _keepAlive = options.KeepAlive;
        _dueTime = options.DueTime;
        _period = options.Period;
        _timer = clock.CreateTimer(static s => ((GrainTimer<TState>)s!).OnTimerFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _dueTime = dueTime;
        _period = period;
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    public void Stop()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _timer.Dispose();
            _stopped.Cancel();
        }
    }

    private void OnTimerFired()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        if (!_activation.TryEnqueue(new TickWorkItem(this)))
        {
            Stop();
        }
    }

    private Task Tick()
    {
        if (_keepAlive)
        {
            _activation.Touch();
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            return Task.CompletedTask;
        }

        _activation.RecordTimerFiring();
        return _callback(_state, _stopped.Token);
    }

    private void OnTickCompleted()
    {
        if (Volatile.Read(ref _disposed) == 0 && _period != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A timer's due time must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer's period must be positive, or Timeout.InfiniteTimeSpan for a single tick.");
        }
    }

    private sealed class TickWorkItem(GrainTimer<TState> timer) : RequestWorkItem
    {
        public override bool Interleave => timer._interleave;

        public override bool HasCaller => false;

        public override Task Start(ActivationData activation) => timer.Tick();

        public override void Complete(Task finished)
        {
            if (finished.IsFaulted)
            {
                timer._activation.LogTimerFailure(finished.Exception!.GetBaseException());
            }

            timer.OnTickCompleted();
        }

        public override void Fail(Exception exception)
        {
        }

        public override string ToString() => "timer tick";
    }
}
