using System.Diagnostics;
using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Diagnostics;
using ActorCity.Runtime.Messaging;
using ActorCity.Runtime.Scheduler;
using ActorCity.Runtime.Time;
using Microsoft.Extensions.Hosting;

namespace ActorCity.Runtime.Hosting;

/// <summary>
/// A running silo: its activations, reminders, idle collector and response-timeout sweeper.
/// Registered as a hosted service by <see cref="SiloServiceCollectionExtensions.AddActorCitySilo"/>.
/// </summary>
public sealed class Silo : IHostedService, IAsyncDisposable
{
    private readonly SiloRuntime _runtime;
    private ITimer? _collector;
    private ITimer? _sweeper;
    private bool _started;

    internal Silo(SiloRuntime runtime) => _runtime = runtime;

    public IGrainFactory GrainFactory => _runtime.Invoker;

    public RuntimeMetrics Metrics => _runtime.Metrics;

    /// <summary>Live activations.</summary>
    public int ActivationCount => _runtime.Catalog.Count;

    /// <summary>Queued and running turns right now.</summary>
    public long OutstandingWork => _runtime.Tracker.Outstanding;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _runtime.Options.Validate();
        _runtime.Registry.AddLoadedAssemblies();
        if (_runtime.GrainClock is VirtualTimeProvider virtualClock)
        {
            virtualClock.AttachQuiescence(WaitForQuiescenceAsync);
        }

        await _runtime.Reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        if (_runtime.Options.CollectionAge != Timeout.InfiniteTimeSpan)
        {
            var quantum = _runtime.Options.CollectionQuantum;
            _collector = _runtime.GrainClock.CreateTimer(static s => ((Silo)s!).CollectIdle(), this, quantum, quantum);
        }

        var sweep = TimeSpan.FromTicks(Math.Clamp(_runtime.Options.ResponseTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        _sweeper = _runtime.SystemClock.CreateTimer(static s => ((Silo)s!).SweepTimedOutCalls(), this, sweep, sweep);
        _started = true;
        _runtime.Log.SiloStarted(_runtime.Options.SiloName, _runtime.Scheduler.IsDeterministic ? "deterministic" : "thread-pool", _runtime.GrainClock is VirtualTimeProvider ? "virtual" : "wall");
    }

    /// <summary>Deactivates every activation (running OnDeactivateAsync) and stops timers and reminders.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        _collector?.Dispose();
        _sweeper?.Dispose();
        _runtime.Reminders.Stop();
        var emptied = _runtime.Catalog.WaitUntilEmptyAsync();
        var activations = _runtime.Catalog.Snapshot();
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping.");
        if (_runtime.Scheduler is DeterministicWorkScheduler deterministic)
        {
            // One entry into the run loop per pass, rather than one per activation; the first pass's deactivations
            // (and whatever they call) run before the second pass starts.
            deterministic.RunExclusive(static s => RequestDeactivations(s.Activations, s.Reason), (Activations: activations, Reason: reason));
            deterministic.RunExclusive(static s => DeactivateIdleNow(s.Activations, s.Reason), (Activations: activations, Reason: reason));
        }
        else
        {
            RequestDeactivations(activations, reason);
            DeactivateIdleNow(activations, reason);
        }

        try
        {
            // Activations with a request still in flight deactivate when it finishes, or are abandoned after the timeout.
            await emptied.WaitAsync(_runtime.Options.DeactivationTimeout, _runtime.SystemClock, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            _runtime.Log.StopAbandoned(_runtime.Catalog.Count);
        }

        if (_runtime.GrainClock is VirtualTimeProvider virtualClock)
        {
            virtualClock.DetachQuiescence();
        }

        _runtime.Log.SiloStopped(_runtime.Options.SiloName, activations.Count);
    }

    /// <summary>
    /// First pass of the stop: grains with OnDeactivateAsync deactivate the scheduled way, first, so that what they call
    /// on their way out still finds the other activations alive.
    /// </summary>
    private static bool RequestDeactivations(List<ActivationData> activations, DeactivationReason reason)
    {
        foreach (var activation in activations)
        {
            if (activation.ClassInfo.OverridesOnDeactivate)
            {
                activation.RequestDeactivation(reason);
            }
        }

        return true;
    }

    /// <summary>Second pass: the idle rest is retired on this thread; a busy activation deactivates once its turn ends.</summary>
    private static bool DeactivateIdleNow(List<ActivationData> activations, DeactivationReason reason)
    {
        foreach (var activation in activations)
        {
            if (!activation.ClassInfo.OverridesOnDeactivate && !activation.TryDeactivateIdleNow(reason))
            {
                activation.RequestDeactivation(reason);
            }
        }

        return true;
    }

    /// <summary>Completes when no turn is queued or running.</summary>
    public ValueTask WaitForQuiescenceAsync()
    {
        if (_runtime.Scheduler is DeterministicWorkScheduler deterministic)
        {
            deterministic.Drain();
        }

        return _runtime.Tracker.WaitForQuiescenceAsync();
    }

    private void CollectIdle()
    {
        var now = _runtime.GrainClock.GetUtcNow().UtcTicks;
        var age = _runtime.Options.CollectionAge.Ticks;
        foreach (var activation in _runtime.Catalog.Snapshot())
        {
            activation.CheckIdle(now, age);
        }
    }

    private void SweepTimedOutCalls()
    {
        var timeout = _runtime.Options.ResponseTimeout;
        var startedBefore = Stopwatch.GetTimestamp() - (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var expired = new List<RequestWorkItem>();
        foreach (var activation in _runtime.Catalog.Live())
        {
            activation.CollectExpiredCalls(startedBefore, expired);
            foreach (var call in expired)
            {
                _runtime.Log.CallTimedOut(call.ToString()!, activation.GrainId, timeout);
                call.Fail(new TimeoutException($"Response did not arrive on time in {timeout} for {call} on {activation.GrainId}."));
            }

            expired.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _runtime.Metrics.Dispose();
    }
}
