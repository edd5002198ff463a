using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ActorCity.Runtime.Concurrency;
using ActorCity.Runtime.Invocation;

namespace ActorCity.Runtime.Catalog;

/// <summary>What the runtime knows of a grain class: its grain type name, activator and scheduling attributes.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.Interfaces)] Type grainClass, GrainActivator activator)
    {
        GrainClass = grainClass;
        Activator = activator;
        GrainType = grainClass.Name;
        IsReentrant = grainClass.GetCustomAttribute<ReentrantAttribute>(inherit: true) is not null;
        var worker = grainClass.GetCustomAttribute<StatelessWorkerAttribute>();
        if (worker is not null)
        {
            IsStatelessWorker = true;
            MaxLocalWorkers = worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : Environment.ProcessorCount;
        }

        IsRemindable = typeof(IRemindable).IsAssignableFrom(grainClass);
        OverridesOnActivate = grainClass.GetMethod(nameof(Grain.OnActivateAsync), [typeof(CancellationToken)])?.DeclaringType != typeof(Grain);
        OverridesOnDeactivate = grainClass.GetMethod(nameof(Grain.OnDeactivateAsync), [typeof(DeactivationReason), typeof(CancellationToken)])?.DeclaringType != typeof(Grain);
    }

    public Type GrainClass { get; }

    public GrainActivator Activator { get; }

    /// <summary>The grain type in <see cref="GrainId.Type"/>: the class name.</summary>
    public string GrainType { get; }

    public bool IsReentrant { get; }

    public bool IsStatelessWorker { get; }

    public int MaxLocalWorkers { get; }

    public bool IsRemindable { get; }

    /// <summary>False when the class keeps <see cref="Grain.OnActivateAsync"/> as is: activation then needs no timeout token.</summary>
    public bool OverridesOnActivate { get; }

    /// <summary>False when the class keeps <see cref="Grain.OnDeactivateAsync"/> as is.</summary>
    public bool OverridesOnDeactivate { get; }
}
