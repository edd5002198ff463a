using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Diagnostics;
using ActorCity.Runtime.Messaging;
using ActorCity.Runtime.Reminders;
using ActorCity.Runtime.Scheduler;

namespace ActorCity.Runtime.Hosting;

/// <summary>
/// The parts of one silo that activations share. Two clocks: <see cref="GrainClock"/> (grain time: timers, reminders,
/// idle collection; virtual in simulations) and <see cref="SystemClock"/> (call timeouts and housekeeping; always wall time).
/// </summary>
internal sealed class SiloRuntime
{
    public SiloRuntime(SiloOptions options, IServiceProvider services, TimeProvider grainClock, IWorkScheduler scheduler, RuntimeLog log, GrainTypeRegistry registry, IReminderTable reminderTable)
    {
        Options = options;
        Services = services;
        GrainClock = grainClock;
        Scheduler = scheduler;
        Log = log;
        Registry = registry;
        Catalog = new ActivationCatalog(this);
        Invoker = new GrainCallInvoker(this);
        Reminders = new ReminderService(this, reminderTable);
        Metrics = new RuntimeMetrics(Catalog.Snapshot, options.SiloName);
    }

    public SiloOptions Options { get; }

    public IServiceProvider Services { get; }

    public TimeProvider GrainClock { get; }

    public TimeProvider SystemClock { get; } = TimeProvider.System;

    public IWorkScheduler Scheduler { get; }

    public WorkTracker Tracker { get; } = new();

    public RuntimeLog Log { get; }

    public GrainTypeRegistry Registry { get; }

    public ActivationCatalog Catalog { get; }

    public GrainCallInvoker Invoker { get; }

    public ReminderService Reminders { get; }

    public RuntimeMetrics Metrics { get; }
}
