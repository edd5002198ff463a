using Microsoft.Extensions.Logging;

namespace ActorCity.Runtime.Diagnostics;

/// <summary>Event ids of every runtime log line, in one place.</summary>
internal enum RuntimeEventId
{
    SiloStarted = 1000,
    SiloStopped = 1001,
    StopAbandoned = 1002,
    Activated = 1100,
    ActivationFailed = 1101,
    Deactivated = 1102,
    DeactivationFailed = 1103,
    ContinuationFailed = 1200,
    TimerFailed = 1300,
    ReminderFailed = 1400,
    RemindersLoaded = 1401,
    CallTimedOut = 1500,
}

internal sealed partial class RuntimeLog(ILogger logger)
{
    [LoggerMessage((int)RuntimeEventId.SiloStarted, LogLevel.Information, "Silo {SiloName} started ({Scheduler} scheduler, grain clock {Clock})")]
    public partial void SiloStarted(string siloName, string scheduler, string clock);

    [LoggerMessage((int)RuntimeEventId.SiloStopped, LogLevel.Information, "Silo {SiloName} stopped; {Deactivated} activations deactivated")]
    public partial void SiloStopped(string siloName, int deactivated);

    [LoggerMessage((int)RuntimeEventId.StopAbandoned, LogLevel.Warning, "Silo stopped with {Remaining} activations still busy after the deactivation timeout")]
    public partial void StopAbandoned(int remaining);

    [LoggerMessage((int)RuntimeEventId.Activated, LogLevel.Debug, "Activated {GrainId}")]
    public partial void Activated(GrainId grainId);

    [LoggerMessage((int)RuntimeEventId.ActivationFailed, LogLevel.Error, "Activation of {GrainId} failed")]
    public partial void ActivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage((int)RuntimeEventId.Deactivated, LogLevel.Debug, "Deactivated {GrainId}: {Reason}")]
    public partial void Deactivated(GrainId grainId, DeactivationReason reason);

    [LoggerMessage((int)RuntimeEventId.DeactivationFailed, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed; the activation is removed anyway")]
    public partial void DeactivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage((int)RuntimeEventId.ContinuationFailed, LogLevel.Error, "A continuation on {GrainId} threw")]
    public partial void ContinuationFailed(Exception exception, GrainId grainId);

    [LoggerMessage((int)RuntimeEventId.TimerFailed, LogLevel.Warning, "A timer callback of {GrainId} failed; the timer keeps running")]
    public partial void TimerFailed(Exception exception, GrainId grainId);

    [LoggerMessage((int)RuntimeEventId.ReminderFailed, LogLevel.Warning, "Reminder {ReminderName} of {GrainId} failed")]
    public partial void ReminderFailed(Exception exception, GrainId grainId, string reminderName);

    [LoggerMessage((int)RuntimeEventId.RemindersLoaded, LogLevel.Information, "Loaded {Count} reminders from the reminder table")]
    public partial void RemindersLoaded(int count);

    [LoggerMessage((int)RuntimeEventId.CallTimedOut, LogLevel.Warning, "Call {Call} to {GrainId} got no response within {Timeout}")]
    public partial void CallTimedOut(string call, GrainId grainId, TimeSpan timeout);
}
