using System.Linq;
using System.Text;
using ActorCity.Runtime.CodeGen.Analysis;
using ActorCity.Runtime.CodeGen.Model;

namespace ActorCity.Runtime.CodeGen.Emit;

/// <summary>
/// Writes a grain interface's proxy: a sealed <c>GrainReference</c> implementing every method explicitly
/// (so same-named members of different base interfaces cannot clash). Each calls the grain directly when the invoker
/// can run the call on the caller's thread, and otherwise sends one request object.
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
        // The grain's own task type: a value task stays one on the inline path, so a call that completes there allocates nothing.
        var (returnType, send, end) = method.ReturnKind switch
        {
            ReturnKind.Task => (Names.Task, $"Invoker.InvokeAsync(this, {request})", "Invoker.EndInline(in __inline, __task)"),
            ReturnKind.TaskOfT => ($"{Names.Task}<{method.ResultType}>", $"Invoker.InvokeAsync<{method.ResultType}>(this, {request})", $"Invoker.EndInline<{method.ResultType}>(in __inline, __task)"),
            ReturnKind.ValueTask => (Names.ValueTask, $"new {Names.ValueTask}(Invoker.InvokeAsync(this, {request}))", "Invoker.EndInline(in __inline, __task)"),
            _ => ($"{Names.ValueTask}<{method.ResultType}>", $"new {Names.ValueTask}<{method.ResultType}>(Invoker.InvokeAsync<{method.ResultType}>(this, {request}))", $"Invoker.EndInline<{method.ResultType}>(in __inline, __task)"),
        };
        var call = $"(({method.DeclaringInterface})__grain).{SymbolNames.Escape(method.Name)}({arguments})";
        var failed = method.ReturnKind switch
        {
            ReturnKind.Task => $"{Names.Task}.FromException(__exception)",
            ReturnKind.TaskOfT => $"{Names.Task}.FromException<{method.ResultType}>(__exception)",
            ReturnKind.ValueTask => $"{Names.ValueTask}.FromException(__exception)",
            _ => $"{Names.ValueTask}.FromException<{method.ResultType}>(__exception)",
        };

        // When the invoker can run the call on this thread, the grain is called directly and no request object is made.
        code.Append($$"""

                    {{returnType}} {{method.DeclaringInterface}}.{{SymbolNames.Escape(method.Name)}}({{parameters}})
                    {
                        var __inline = Invoker.BeginInline(this, {{method.RequestName}}.MethodDescriptor);
                        if (__inline.Grain is { } __grain)
                        {
                            {{returnType}} __task;
                            try
                            {
                                __task = {{call}};
                            }
                            catch (global::System.Exception __exception)
                            {
                                __task = {{failed}};
                            }

                            return {{end}};
                        }

                        return {{send}};
                    }

            """);
    }
}
