using System.Reflection;
using ActorCity.Runtime.Catalog;
using ActorCity.Runtime.Diagnostics;
using ActorCity.Runtime.Reminders;
using ActorCity.Runtime.Scheduler;
using ActorCity.Runtime.Storage;
using ActorCity.Runtime.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorCity.Runtime.Hosting;

/// <summary>Configures a silo's services: clock, scheduler, grain assemblies, storage and reminders.</summary>
public sealed class SiloBuilder
{
    internal SiloBuilder(IServiceCollection services)
    {
        Services = services;
        services.AddOptions<SiloOptions>();
        services.TryAddSingleton(new GrainClockHolder(TimeProvider.System));
        services.TryAddSingleton<IWorkScheduler, ThreadPoolWorkScheduler>();
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<IReminderTable, InMemoryReminderTable>();
        services.TryAddSingleton<IPersistentStateFactory, PersistentStateFactory>();
        services.TryAddSingleton(CreateRuntime);
        services.TryAddSingleton(sp => new Silo(sp.GetRequiredService<SiloRuntime>()));
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>().Invoker);
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());
    }

    public IServiceCollection Services { get; }

    public SiloBuilder Configure(Action<SiloOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Grain time (timers, reminders, idle collection, <see cref="IGrainContext.TimeProvider"/>) comes from this clock.</summary>
    public SiloBuilder UseGrainClock(TimeProvider clock)
    {
        Services.Replace(ServiceDescriptor.Singleton(new GrainClockHolder(clock)));
        return this;
    }

    /// <summary>Grain time is virtual: it moves only when <see cref="VirtualTimeProvider.AdvanceAsync"/> is called.</summary>
    public SiloBuilder UseVirtualClock(VirtualTimeProvider clock) => UseGrainClock(clock);

    /// <summary>Every turn runs on one logical thread in a fixed order, so a run is reproducible (simulations).</summary>
    public SiloBuilder UseDeterministicScheduler()
    {
        Services.Replace(ServiceDescriptor.Singleton<IWorkScheduler, DeterministicWorkScheduler>());
        return this;
    }

    /// <summary>Registers the grain classes and interfaces generated into <paramref name="assembly"/>.</summary>
    public SiloBuilder AddGrains(Assembly assembly)
    {
        Services.AddSingleton(new GrainAssembly(assembly));
        return this;
    }

    /// <summary>
    /// Adds in-memory grain storage under <paramref name="name"/> (default: the default storage). Mutable states are
    /// copied on write unless <paramref name="copyStates"/> is false (see <see cref="MemoryGrainStorage"/>).
    /// </summary>
    public SiloBuilder AddMemoryGrainStorage(string name = StorageNames.Default, bool copyStates = true)
    {
        Services.AddKeyedSingleton<IGrainStorage>(name, new MemoryGrainStorage(copyStates));
        return this;
    }

    /// <summary>Keeps reminders in memory; pass one table to two silos to model a restart.</summary>
    public SiloBuilder UseInMemoryReminders(InMemoryReminderTable? table = null)
    {
        Services.Replace(table is null
            ? ServiceDescriptor.Singleton<IReminderTable, InMemoryReminderTable>()
            : ServiceDescriptor.Singleton<IReminderTable>(table));
        return this;
    }

    private static SiloRuntime CreateRuntime(IServiceProvider services)
    {
        var registry = services.GetRequiredService<GrainTypeRegistry>();
        foreach (var grainAssembly in services.GetServices<GrainAssembly>())
        {
            registry.AddAssembly(grainAssembly.Assembly);
        }

        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return new SiloRuntime(
            services.GetRequiredService<IOptions<SiloOptions>>().Value,
            services,
            services.GetRequiredService<GrainClockHolder>().Clock,
            services.GetRequiredService<IWorkScheduler>(),
            new RuntimeLog(loggerFactory.CreateLogger("ActorCity.Runtime.Silo")),
            registry,
            services.GetRequiredService<IReminderTable>());
    }

    private sealed record GrainClockHolder(TimeProvider Clock);

    private sealed record GrainAssembly(Assembly Assembly);
}

public static class SiloServiceCollectionExtensions
{
    /// <summary>Adds a silo to a generic host's services; it starts and stops with the host.</summary>
    public static IServiceCollection AddActorCitySilo(this IServiceCollection services, Action<SiloBuilder>? configure = null)
    {
        var builder = new SiloBuilder(services);
        configure?.Invoke(builder);
        return services;
    }
}
