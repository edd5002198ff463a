using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ActorCity.Runtime.Invocation;

namespace ActorCity.Runtime.Catalog;

/// <summary>
/// Maps grain interfaces to their generated references and implementing classes, filled from the generated
/// registries of grain assemblies (found by <see cref="GeneratedGrainRegistryAttribute"/>, never by scanning types).
/// </summary>
internal sealed class GrainTypeRegistry : IGrainTypeRegistrar
{
    private readonly ConcurrentDictionary<Type, GrainReferenceActivator> _references = new();
    private readonly ConcurrentDictionary<Type, GrainClassInfo> _classesByInterface = new();
    private readonly ConcurrentDictionary<string, GrainClassInfo> _classesByType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Assembly, bool> _loaded = new();
    private readonly Lock _registerLock = new();

    public void AddAssembly(Assembly assembly)
    {
        if (_loaded.ContainsKey(assembly))
        {
            return;
        }

        lock (_registerLock)
        {
            if (!_loaded.TryAdd(assembly, true))
            {
                return;
            }

            var attribute = assembly.GetCustomAttribute<GeneratedGrainRegistryAttribute>();
            if (attribute is not null)
            {
                var registry = (IGeneratedGrainRegistry)System.Activator.CreateInstance(attribute.RegistryType)!;
                registry.Register(this);
            }
        }
    }

    /// <summary>Registers every loaded assembly that carries generated grain code.</summary>
    public void AddLoadedAssemblies()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && !_loaded.ContainsKey(assembly))
            {
                AddAssembly(assembly);
            }
        }
    }

    public void AddInterface(Type grainInterface, GrainReferenceActivator referenceActivator) =>
        _references[grainInterface] = referenceActivator;

    public void AddGrainClass([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.Interfaces)] Type grainClass, GrainActivator activator)
    {
        var info = new GrainClassInfo(grainClass, activator);
        _classesByType[info.GrainType] = info;
        foreach (var grainInterface in grainClass.GetInterfaces())
        {
            if (typeof(IGrain).IsAssignableFrom(grainInterface) && grainInterface != typeof(IGrain)
                && grainInterface != typeof(IGrainWithStringKey) && grainInterface != typeof(IGrainWithIntegerKey)
                && grainInterface != typeof(IGrainWithGuidKey) && grainInterface != typeof(IRemindable))
            {
                if (_classesByInterface.TryGetValue(grainInterface, out var existing) && existing.GrainClass != grainClass)
                {
                    throw new InvalidOperationException(
                        $"Grain interface {grainInterface.FullName} is implemented by both {existing.GrainClass.FullName} and {grainClass.FullName}; one interface, one grain class.");
                }

                _classesByInterface[grainInterface] = info;
            }
        }
    }

    public GrainClassInfo GetClassForInterface(Type grainInterface)
    {
        if (_classesByInterface.TryGetValue(grainInterface, out var info))
        {
            return info;
        }

        AddAssembly(grainInterface.Assembly);
        AddLoadedAssemblies();
        return _classesByInterface.TryGetValue(grainInterface, out info)
            ? info
            : throw new InvalidOperationException(
                $"No grain class implements {grainInterface.FullName}. Reference the grain project (with the ActorCity.Runtime.CodeGen analyzer) and add its assembly with AddGrains(...).");
    }

    public GrainClassInfo GetClass(string grainType)
    {
        if (_classesByType.TryGetValue(grainType, out var info))
        {
            return info;
        }

        AddLoadedAssemblies();
        return _classesByType.TryGetValue(grainType, out info)
            ? info
            : throw new InvalidOperationException($"No grain class has grain type '{grainType}'.");
    }

    public GrainReferenceActivator GetReferenceActivator(Type grainInterface)
    {
        if (_references.TryGetValue(grainInterface, out var activator))
        {
            return activator;
        }

        AddAssembly(grainInterface.Assembly);
        return _references.TryGetValue(grainInterface, out activator)
            ? activator
            : throw new InvalidOperationException(
                $"No generated reference for {grainInterface.FullName}. Its project must reference ActorCity.Runtime.CodeGen as an analyzer.");
    }
}
