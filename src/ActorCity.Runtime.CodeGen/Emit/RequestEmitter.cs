using System.Linq;
using System.Text;
using ActorCity.Runtime.CodeGen.Analysis;
using ActorCity.Runtime.CodeGen.Model;

namespace ActorCity.Runtime.CodeGen.Emit;

/// <summary>
/// Writes one method's request class: the arguments in readonly fields, the method's descriptor, and an
/// <c>Invoke</c> that calls the grain through the interface (no reflection).
/// </summary>
internal static class RequestEmitter
{
    public static void Append(StringBuilder code, MethodModel method)
    {
        var parameters = method.Parameters.Items;
        var isVoid = method.ReturnKind is ReturnKind.Task or ReturnKind.ValueTask;
        var baseType = isVoid ? Names.GrainVoidRequest : $"{Names.GrainRequest}<{method.ResultType}>";
        var invokeType = isVoid ? Names.Task : $"{Names.Task}<{method.ResultType}>";
        var options = method.AlwaysInterleave ? "AlwaysInterleave" : "None";
        var call = $"(({method.DeclaringInterface})grain).{SymbolNames.Escape(method.Name)}({string.Join(", ", parameters.Select((_, i) => $"Arg{i}"))})";
        if (method.ReturnKind is ReturnKind.ValueTask or ReturnKind.ValueTaskOfT)
        {
            call += ".AsTask()";
        }

        code.Append($$"""

                    /// <summary>A call to <c>{{method.DeclaringInterface}}.{{method.Name}}</c>.</summary>
                    internal sealed class {{method.RequestName}} : {{baseType}}
                    {
                        public static readonly {{Names.MethodDescriptor}} MethodDescriptor =
                            new {{Names.MethodDescriptor}}(typeof({{method.DeclaringInterface}}), "{{method.Name}}", {{Names.MethodOptions}}.{{options}});

            """);

        for (var i = 0; i < parameters.Length; i++)
        {
            code.Append($"\n            public readonly {parameters[i].Type} Arg{i};\n");
        }

        var constructorParameters = string.Join(", ", parameters.Select((p, i) => $"{p.Type} arg{i}"));
        code.Append($"\n            public {method.RequestName}({constructorParameters})\n            {{\n");
        for (var i = 0; i < parameters.Length; i++)
        {
            code.Append($"                Arg{i} = arg{i};\n");
        }

        code.Append($$"""
                        }

                        public override {{Names.MethodDescriptor}} Descriptor => MethodDescriptor;

                        public override {{invokeType}} Invoke(object grain) => {{call}};
                    }

            """);
    }
}
