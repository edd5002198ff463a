using ActorCity.Runtime.Timers;

namespace ActorCity.Runtime;

/// <summary>
/// What the runtime gives an activation: identity, services, its clock, timers, reminders and lifecycle control.
/// Implemented by the runtime's activation; grain code reaches it through <see cref="Grain"/>.
/// </summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    IServiceProvider ActivationServices { get; }

    /// <summary>The grain clock: virtual in simulations, wall time in production.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Deactivate this activation once the current turn and every queued call have finished.</summary>
    void DeactivateOnIdle();

    /// <summary>Keep this activation from idle collection for at least this long.</summary>
    void DelayDeactivation(TimeSpan timeSpan);

    IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options);

    Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period);

    Task UnregisterReminder(IGrainReminder reminder);

    Task<IGrainReminder?> GetReminder(string reminderName);

    Task<IReadOnlyList<IGrainReminder>> GetReminders();
}
