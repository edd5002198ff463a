using ActorCity.Runtime.Diagnostics;
using ActorCity.Runtime.Messaging;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Timers;

namespace ActorCity.Runtime.Catalog;

internal sealed partial class ActivationData
{
    internal void AddStateFacet(IActivationStateFacet facet)
    {
        if (_grain is not null)
        {
            throw new InvalidOperationException($"{GrainId}: persistent state can only be created while the grain is constructed.");
        }

        // Grains declare one or two states: the facet itself, then an exact array, cost less than a list per activation.
        _stateFacets = _stateFacets switch
        {
            null => facet,
            IActivationStateFacet[] several => (IActivationStateFacet[])[.. several, facet],
            _ => new[] { (IActivationStateFacet)_stateFacets, facet },
        };
    }

    /// <summary>Activates the grain; completes with the failure when activation failed (the activation is then retired).</summary>
    internal async Task<Exception?> ActivateAsync()
    {
        try
        {
            // A grain's constructor may call a grain that is then activated inline on this thread.
            var outer = RuntimeContext.Activating;
            RuntimeContext.Activating = this;
            try
            {
                _grain = ClassInfo.Activator(_runtime.Services, this);
            }
            finally
            {
                RuntimeContext.Activating = outer;
            }

            if (_stateFacets is IActivationStateFacet single)
            {
                await single.ReadOnActivationAsync();
            }
            else if (_stateFacets is IActivationStateFacet[] several)
            {
                foreach (var facet in several)
                {
                    await facet.ReadOnActivationAsync();
                }
            }

            // The timeout token costs a system timer; only a grain that overrides OnActivateAsync can observe it.
            if (ClassInfo.OverridesOnActivate)
            {
                using var cancellation = new CancellationTokenSource(_runtime.Options.ActivationTimeout, _runtime.SystemClock);
                await _grain.OnActivateAsync(cancellation.Token);
            }

            _status = ActivationStatus.Valid;
            _runtime.Log.Activated(GrainId);
            return null;
        }
        catch (Exception exception)
        {
            _runtime.Log.ActivationFailed(exception, GrainId);
            await FailActivationAsync(exception);
            return exception;
        }
    }

    /// <summary>
    /// Stops timers, leaves the catalog (so new calls create the next activation), marks the activation invalid and hands
    /// back the requests still queued on it.
    /// </summary>
    private RequestWorkItem[] Retire()
    {
        DisposeTimers();
        _runtime.Catalog.Remove(this);
        lock (this)
        {
            _status = ActivationStatus.Invalid;
            // The first call is the oldest: it goes first to the next activation (or fails first).
            RequestWorkItem[] queued = _firstCall is { } first
                ? [first, .. _requests ?? []]
                : HasRequestsLocked ? _requests!.ToArray() : [];
            _firstCall = null;
            _requests?.Clear();
            foreach (var item in queued)
            {
                UnlinkLocked(item);
            }

            return queued;
        }
    }

    private Task FailActivationAsync(Exception exception)
    {
        var queued = Retire();
        if (_deactivation is not null)
        {
            // Asked for while activating, and now moot: its count of outstanding work goes with it.
            _runtime.Tracker.Decrement();
        }

        foreach (var item in queued)
        {
            item.Fail(exception);
            _runtime.Tracker.Decrement();
        }

        return Task.CompletedTask;
    }

    internal async Task DeactivateAsync()
    {
        var reason = _deactivation.GetValueOrDefault();
        try
        {
            if (ClassInfo.OverridesOnDeactivate)
            {
                using var cancellation = new CancellationTokenSource(_runtime.Options.DeactivationTimeout, _runtime.SystemClock);
                await GrainInstance.OnDeactivateAsync(reason, cancellation.Token);
            }
        }
        catch (Exception exception)
        {
            _runtime.Log.DeactivationFailed(exception, GrainId);
        }

        FinishDeactivation(reason);
    }

    private void FinishDeactivation(DeactivationReason reason)
    {
        var queued = Retire();

        _runtime.Log.Deactivated(GrainId, reason);

        // Calls that arrived during deactivation go to the next activation of the same grain, a bounded number of times:
        // a grain that deactivates itself while activating would otherwise pass its calls on for ever.
        foreach (var item in queued)
        {
            if (++item.Forwards > RequestWorkItem.MaxForwards)
            {
                item.Fail(new InvalidOperationException(
                    $"The call {item} to {GrainId} was not run: {item.Forwards} activations in a row deactivated before serving it "
                    + "(does the grain call DeactivateOnIdle while activating?)."));
            }
            else
            {
                _runtime.Invoker.Redispatch(GrainId, item);
            }

            _runtime.Tracker.Decrement();
        }
    }

    /// <summary>
    /// The silo stop's fast path for grains that do not override OnDeactivateAsync: an idle activation is deactivated on
    /// the calling thread, with no scheduled turn and no lifecycle task (a scheduled deactivation cost about a microsecond
    /// each, at 100,000 activations). False when the activation is busy: it must take the scheduled path,
    /// <see cref="RequestDeactivation"/>.
    /// </summary>
    internal bool TryDeactivateIdleNow(DeactivationReason reason)
    {
        // Counted like any turn, so a virtual clock waiting for quiescence does not see the silo idle meanwhile.
        _runtime.Tracker.Increment();
        if (!TryClaimWorker())
        {
            _runtime.Tracker.Decrement();
            return false;
        }

        bool idle;
        lock (this)
        {
            idle = _status == ActivationStatus.Valid && _deactivation is null && _running == 0 && !HasRequestsLocked && !HasContinuationsLocked;
            if (idle)
            {
                _deactivation = reason;
                _status = ActivationStatus.Deactivating;
            }
        }

        if (idle)
        {
            FinishDeactivation(reason);
        }

        ReleaseWorker();
        _runtime.Tracker.Decrement();
        return idle;
    }

    /// <summary>
    /// Deactivates once no request is running; queued requests move to the next activation. Asked while activating (from
    /// the constructor or <see cref="Grain.OnActivateAsync"/>), as Orleans allows since 9.0: the activation finishes,
    /// then deactivates before serving any call, and the calls waiting for it go to the grain's next activation.
    /// </summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        bool schedule;
        lock (this)
        {
            if (_status is not (ActivationStatus.Valid or ActivationStatus.Activating) || _deactivation is not null)
            {
                return;
            }

            _deactivation = reason;
            _runtime.Tracker.Increment();
            // While activating, the activation's own turn is running; its end finds the deactivation runnable.
            schedule = _status == ActivationStatus.Valid && HasRunnableLocked() && TryClaimWorker();
        }

        if (schedule)
        {
            _runtime.Scheduler.Schedule(this);
        }
    }

    /// <summary>Idle collection: called by the collector each quantum with the grain clock's time.</summary>
    public void CheckIdle(long nowTicks, long collectionAgeTicks)
    {
        bool collect;
        lock (this)
        {
            if (_touched)
            {
                _touched = false;
                _lastActiveTicks = nowTicks;
                return;
            }

            collect = _status == ActivationStatus.Valid && _deactivation is null && _running == 0 && !HasRequestsLocked
                && Volatile.Read(ref _worker) == 0 && nowTicks - _lastActiveTicks >= collectionAgeTicks && nowTicks >= _keepAliveUntilTicks;
        }

        if (collect)
        {
            RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "Idle longer than the collection age."));
        }
    }

    internal void Touch()
    {
        lock (this)
        {
            _touched = true;
        }
    }

    public void DeactivateOnIdle() =>
        RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = (_runtime.GrainClock.GetUtcNow() + timeSpan).UtcTicks;
        lock (this)
        {
            _keepAliveUntilTicks = Math.Max(_keepAliveUntilTicks, until);
        }
    }

    public IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer<TState>(this, _runtime.GrainClock, callback, state, options);
        lock (this)
        {
            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(IActivationTimer timer)
    {
        lock (this)
        {
            _timers?.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        List<IActivationTimer>? timers;
        lock (this)
        {
            timers = _timers;
            _timers = null;
        }

        if (timers is not null)
        {
            foreach (var timer in timers)
            {
                timer.Stop();
            }
        }
    }

    // The reminder this activation registered last: passed back on the next registration, it spares the service a
    // lookup by grain and name when the grain re-arms its reminder (the common case: one reminder per grain).
    private IGrainReminder? _lastReminder;

    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        EnsureRemindable();
        var registered = _runtime.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period, _lastReminder);
        if (registered.IsCompletedSuccessfully)
        {
            _lastReminder = registered.Result;
        }

        return registered;
    }

    public Task UnregisterReminder(IGrainReminder reminder)
    {
        EnsureRemindable();
        if (ReferenceEquals(reminder, _lastReminder))
        {
            _lastReminder = null;
        }

        return _runtime.Reminders.UnregisterAsync(GrainId, reminder);
    }

    public Task<IGrainReminder?> GetReminder(string reminderName) => _runtime.Reminders.GetAsync(GrainId, reminderName);

    public Task<IReadOnlyList<IGrainReminder>> GetReminders() => _runtime.Reminders.GetAllAsync(GrainId);

    private void EnsureRemindable()
    {
        if (!ClassInfo.IsRemindable)
        {
            throw new InvalidOperationException($"{ClassInfo.GrainClass.Name} registers a reminder but does not implement IRemindable.");
        }
    }

    internal void LogTimerFailure(Exception exception) => _runtime.Log.TimerFailed(exception, GrainId);

    internal void RecordTimerFiring() => _runtime.Metrics.RecordTimerFiring(TimerKind.Timer);

    public override string ToString() => $"[Activation {GrainId} {_status}]";
}
