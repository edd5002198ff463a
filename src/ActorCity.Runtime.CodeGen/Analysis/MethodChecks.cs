using System.Collections.Generic;
using System.Linq;
using ActorCity.Runtime.CodeGen.Diagnostics;
using ActorCity.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>The rules one grain method must follow, and its model once it does.</summary>
internal static class MethodChecks
{
    public static void Check(IMethodSymbol method, INamedTypeSymbol declaring, Location location, List<DiagnosticInfo> diagnostics)
    {
        var name = $"{declaring.ToDisplayString(SymbolNames.Short)}.{method.Name}";
        var (kind, result) = Classify(method.ReturnType);
        if (kind is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedReturnType, location, name, method.ReturnType.ToDisplayString(SymbolNames.Short)));
        }

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericMethod, location, name));
        }

        foreach (var parameter in method.Parameters.Where(p => p.RefKind != RefKind.None))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ByRefParameter, location, name, parameter.Name, RefKindText(parameter.RefKind)));
        }

        // Methods of referenced assemblies were checked when their own assembly was compiled.
        if (!TypeFacts.IsFromSource(declaring))
        {
            return;
        }

        var checker = new ImmutabilityChecker();
        foreach (var parameter in method.Parameters)
        {
            if (!TypeFacts.HasAttribute(parameter, TypeFacts.ImmutableAttribute) && checker.Check(parameter.Type) is { } violation)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MutableType, location, name, $"parameter '{parameter.Name}'", violation.Describe()));
            }
        }

        if (result is not null
            && !method.GetReturnTypeAttributes().Any(a => TypeFacts.Is(a.AttributeClass, TypeFacts.ImmutableAttribute))
            && checker.Check(result) is { } resultViolation)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.MutableType, location, name, "result", resultViolation.Describe()));
        }
    }

    public static MethodModel BuildModel(IMethodSymbol method, INamedTypeSymbol declaring, string requestName)
    {
        var (kind, result) = Classify(method.ReturnType);
        var parameters = method.Parameters
            .Select(p => new ParameterModel(SymbolNames.Escape(p.Name), p.Type.ToDisplayString(SymbolNames.Annotated)))
            .ToEquatableArray();
        return new MethodModel(
            method.Name,
            requestName,
            declaring.ToDisplayString(SymbolNames.Plain),
            kind!.Value,
            result?.ToDisplayString(SymbolNames.Annotated),
            TypeFacts.HasAttribute(method, TypeFacts.AlwaysInterleaveAttribute),
            parameters);
    }

    private static (ReturnKind? Kind, ITypeSymbol? Result) Classify(ITypeSymbol returnType)
    {
        if (returnType is not INamedTypeSymbol named)
        {
            return (null, null);
        }

        return TypeFacts.MetadataName(named.OriginalDefinition) switch
        {
            "System.Threading.Tasks.Task" => (ReturnKind.Task, null),
            "System.Threading.Tasks.ValueTask" => (ReturnKind.ValueTask, null),
            "System.Threading.Tasks.Task`1" => (ReturnKind.TaskOfT, named.TypeArguments[0]),
            "System.Threading.Tasks.ValueTask`1" => (ReturnKind.ValueTaskOfT, named.TypeArguments[0]),
            _ => (null, null),
        };
    }

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        _ => "ref readonly",
    };
}
