using System.Linq;
using System.Text;
using ActorCity.Runtime.CodeGen.Analysis;
using ActorCity.Runtime.CodeGen.Model;

namespace ActorCity.Runtime.CodeGen.Emit;

/// <summary>
/// Writes a grain interface's proxy: a sealed <c>GrainReference</c> implementing every method explicitly
/// (so same-named members of different base interfaces cannot clash), each sending one request object.
/// </summary>
internal static class ProxyEmitter
{
    public static string Emit(InterfaceModel model)
    {
        var code = new StringBuilder(Names.Header);
        code.Append($$"""

            namespace {{model.Namespace}}
            {
                /// <summary>Grain reference for <see cref="{{model.FullName}}"/>.</summary>
                {{Names.CodeGenerated}}
                internal sealed class {{model.ProxyName}} : {{Names.GrainReference}}, {{model.FullName}}
                {
                    public {{model.ProxyName}}({{Names.CallInvoker}} invoker, {{Names.GrainId}} grainId)
                        : base(invoker, grainId)
                    {
                    }

            """);

        foreach (var method in model.Methods)
        {
            AppendMethod(code, method);
        }

        foreach (var method in model.Methods)
        {
            RequestEmitter.Append(code, method);
        }

        code.Append("    }\n}\n");
        return code.ToString();
    }

    private static void AppendMethod(StringBuilder code, MethodModel method)
    {
        var parameters = string.Join(", ", method.Parameters.Select(p => $"{p.Type} {p.Name}"));
        var arguments = string.Join(", ", method.Parameters.Select(p => p.Name));
        var request = $"new {method.RequestName}({arguments})";
        var (returnType, body) = method.ReturnKind switch
        {
            ReturnKind.Task => (Names.Task, $"Invoker.InvokeAsync(this, {request})"),
            ReturnKind.TaskOfT => ($"{Names.Task}<{method.ResultType}>", $"Invoker.InvokeAsync<{method.ResultType}>(this, {request})"),
            ReturnKind.ValueTask => (Names.ValueTask, $"new {Names.ValueTask}(Invoker.InvokeAsync(this, {request}))"),
            _ => ($"{Names.ValueTask}<{method.ResultType}>", $"new {Names.ValueTask}<{method.ResultType}>(Invoker.InvokeAsync<{method.ResultType}>(this, {request}))"),
        };

        code.Append($$"""

                    {{returnType}} {{method.DeclaringInterface}}.{{SymbolNames.Escape(method.Name)}}({{parameters}})
                        => {{body}};

            """);
    }
}
