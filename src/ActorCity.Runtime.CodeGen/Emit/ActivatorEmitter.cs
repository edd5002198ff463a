using System.Linq;
using System.Text;
using ActorCity.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace ActorCity.Runtime.CodeGen.Emit;

/// <summary>Writes a grain class's activator: a static method matching <c>GrainActivator</c> that calls its constructor.</summary>
internal static class ActivatorEmitter
{
    public static string Emit(GrainClassModel model)
    {
        var code = new StringBuilder(Names.Header);
        code.Append($$"""

            namespace {{model.Namespace}}
            {
                /// <summary>Constructs <see cref="{{model.FullName}}"/> with its constructor arguments.</summary>
                {{Names.CodeGenerated}}
                internal static class {{model.ActivatorName}}
                {
                    public static {{Names.Grain}} Create({{Names.ServiceProvider}} services, {{Names.GrainContext}} context)
                    {

            """);

        if (model.Arguments.Any(a => a.Kind == ArgumentKind.PersistentState))
        {
            var message = Quote($"Cannot activate grain {model.DisplayName}: its constructor takes [PersistentState] parameters but no IPersistentStateFactory service is registered.");
            code.Append($"            var stateFactory = ({Names.StateFactory})(services.GetService(typeof({Names.StateFactory})) ?? throw new {Names.InvalidOperation}({message}));\n");
        }

        var arguments = model.Arguments.Select((a, i) => "                " + Argument(model, a, i));
        code.Append($"            return new {model.FullName}(");
        if (model.Arguments.Count > 0)
        {
            code.Append('\n').Append(string.Join(",\n", arguments));
        }

        code.Append(");\n        }\n    }\n}\n");
        return code.ToString();
    }

    private static string Argument(GrainClassModel model, ConstructorArgumentModel argument, int index) => argument.Kind switch
    {
        ArgumentKind.Context => "context",
        ArgumentKind.PersistentState =>
            $"stateFactory.Create<{argument.StateType}>(context, {Quote(argument.StateName!)}, {Quote(argument.StorageName!)})",
        ArgumentKind.OptionalService =>
            $"(services.GetService(typeof({argument.TypeOfName})) is {argument.PatternTypeName} arg{index} ? arg{index} : {argument.FallbackExpression})",
        _ => $"({argument.TypeOfName})(services.GetService(typeof({argument.TypeOfName})) ?? throw new {Names.InvalidOperation}({Missing(model, argument)}))",
    };

    private static string Missing(GrainClassModel model, ConstructorArgumentModel argument)
        => Quote($"Cannot activate grain {model.DisplayName}: no service of type {argument.TypeDisplay} is registered for constructor parameter '{argument.ParameterName}'.");

    private static string Quote(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
