namespace ActorCity.Runtime.Timers;

/// <summary>A grain timer: not durable, lives as long as its activation.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer next fires and its period (<see cref="Timeout.InfiniteTimeSpan"/> for one shot).</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>How a grain timer fires.</summary>
/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Delay between ticks, counted from the end of the previous callback; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</param>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>When true the callback may interleave with calls; by default it is a turn like any call.</summary>
    public bool Interleave { get; init; }

    /// <summary>When true each tick counts as activity and keeps the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
