using System.Reflection;
using ActorCity.Runtime.Invocation;

namespace ActorCity.Runtime.CodeGen.Tests.Behaviour;

/// <summary>Finds this assembly's generated registry the way the runtime does: through the assembly attribute.</summary>
internal static class GeneratedRegistry
{
    public static RecordingRegistrar Load()
    {
        var attribute = typeof(GeneratedRegistry).Assembly.GetCustomAttribute<GeneratedGrainRegistryAttribute>()
            ?? throw new InvalidOperationException("The test assembly has no generated grain registry.");
        var registry = (IGeneratedGrainRegistry)Activator.CreateInstance(attribute.RegistryType)!;
        var registrar = new RecordingRegistrar();
        registry.Register(registrar);
        return registrar;
    }

    public static (T Proxy, RecordingInvoker Invoker, RecordingCounter Target) CreateProxy<T>(GrainId grainId)
    {
        var target = new RecordingCounter();
        var invoker = new RecordingInvoker(target);
        var proxy = (T)(object)Load().Interfaces[typeof(T)](invoker, grainId);
        return (proxy, invoker, target);
    }
}
