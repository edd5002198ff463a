using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ActorCity.Runtime.CodeGen.Diagnostics;
using ActorCity.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>Turns a grain class declaration into an activator model, or diagnostics saying why it cannot have one.</summary>
internal static class GrainClassAnalyzer
{
    public static AnalysisResult<GrainClassModel>? Analyze(ClassDeclarationSyntax node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (semanticModel.GetDeclaredSymbol(node, cancellationToken) is not INamedTypeSymbol { IsAbstract: false, IsStatic: false } type
            || !TypeFacts.DerivesFromGrain(type)
            || type.DeclaringSyntaxReferences.Length > 1 && type.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) != node)
        {
            return null;
        }

        var location = node.Identifier.GetLocation();
        var name = SymbolNames.Display(type);
        var diagnostics = new List<DiagnosticInfo>();
        if (type.IsGenericType || type.ContainingType?.IsGenericType == true)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericGrainClass, location, name));
        }

        if (!SymbolNames.IsAccessibleToGeneratedCode(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InaccessibleType, location, "Grain class", name));
        }

        var constructor = ConstructorRule.Select(type, name, location, diagnostics);
        var arguments = new List<ConstructorArgumentModel>();
        foreach (var parameter in constructor?.Parameters ?? [])
        {
            if (ConstructorArguments.Resolve(parameter, name, location, diagnostics) is { } argument)
            {
                arguments.Add(argument);
            }
        }

        var model = diagnostics.Count > 0
            ? null
            : new GrainClassModel(
                type.ToDisplayString(SymbolNames.Plain),
                name,
                SymbolNames.GeneratedNamespace(type),
                SymbolNames.FlatName(type) + "_Activator",
                arguments.ToEquatableArray());
        return new AnalysisResult<GrainClassModel>(model, diagnostics.ToEquatableArray());
    }
}
