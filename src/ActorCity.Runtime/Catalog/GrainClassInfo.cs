using System.Reflection;
using ActorCity.Runtime.Concurrency;
using ActorCity.Runtime.Invocation;

namespace ActorCity.Runtime.Catalog;

/// <summary>What the runtime knows of a grain class: its grain type name, activator and scheduling attributes.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type grainClass, GrainActivator activator)
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
    }

    public Type GrainClass { get; }

    public GrainActivator Activator { get; }

    /// <summary>The grain type in <see cref="GrainId.Type"/>: the class name.</summary>
    public string GrainType { get; }

    public bool IsReentrant { get; }

    public bool IsStatelessWorker { get; }

    public int MaxLocalWorkers { get; }

    public bool IsRemindable { get; }
}
