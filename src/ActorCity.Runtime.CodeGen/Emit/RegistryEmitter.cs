using System.Collections.Immutable;
using System.Linq;
using System.Text;
using ActorCity.Runtime.CodeGen.Model;

namespace ActorCity.Runtime.CodeGen.Emit;

/// <summary>
/// Writes the assembly's registry: one <c>IGeneratedGrainRegistry</c> that hands every proxy factory and grain
/// activator to the runtime, named by an assembly attribute so the runtime needs no type scanning.
/// </summary>
internal static class RegistryEmitter
{
    public static string ClassName(string? assemblyName)
    {
        var name = new StringBuilder();
        foreach (var c in assemblyName ?? "Assembly")
        {
            name.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        // The assembly name keeps the registry unique when one assembly sees another's internals.
        return name + "_GrainRegistry";
    }

    public static string Emit(string className, ImmutableArray<InterfaceModel> interfaces, ImmutableArray<GrainClassModel> classes)
    {
        var code = new StringBuilder(Names.Header);
        code.Append($$"""

            [assembly: global::ActorCity.Runtime.Invocation.GeneratedGrainRegistry(typeof(global::ActorCity.Generated.{{className}}))]

            namespace ActorCity.Generated
            {
                /// <summary>The grain interfaces and classes this assembly declares.</summary>
                {{Names.CodeGenerated}}
                internal sealed class {{className}} : global::ActorCity.Runtime.Invocation.IGeneratedGrainRegistry
                {
                    public void Register(global::ActorCity.Runtime.Invocation.IGrainTypeRegistrar registrar)
                    {

            """);

        foreach (var model in interfaces.OrderBy(i => i.FullName, System.StringComparer.Ordinal))
        {
            code.Append($"            registrar.AddInterface(typeof({model.FullName}), static (invoker, grainId) => new {model.ProxyFullName}(invoker, grainId));\n");
        }

        foreach (var model in classes.OrderBy(c => c.FullName, System.StringComparer.Ordinal))
        {
            code.Append($"            registrar.AddGrainClass(typeof({model.FullName}), {model.ActivatorFullName}.Create);\n");
        }

        code.Append("        }\n    }\n}\n");
        return code.ToString();
    }
}
