using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ActorCity.Runtime.CodeGen.Diagnostics;
using ActorCity.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>Turns a grain interface declaration into a proxy model, or diagnostics saying why it cannot have one.</summary>
internal static class InterfaceAnalyzer
{
    public static AnalysisResult<InterfaceModel>? Analyze(InterfaceDeclarationSyntax node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (semanticModel.GetDeclaredSymbol(node, cancellationToken) is not INamedTypeSymbol type
            || !TypeFacts.IsGrainInterface(type)
            || !IsFirstDeclaration(type, node, cancellationToken))
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var location = node.Identifier.GetLocation();
        var name = SymbolNames.Display(type);
        if (type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericInterface, location, name));
        }

        if (!SymbolNames.IsAccessibleToGeneratedCode(type))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InaccessibleType, location, "Grain interface", name));
        }

        var methods = new List<(IMethodSymbol Method, INamedTypeSymbol Declaring)>();
        var failed = diagnostics.Count > 0;
        foreach (var declaring in new[] { type }.Concat(type.AllInterfaces))
        {
            var report = ShouldReport(type, declaring);
            foreach (var member in declaring.GetMembers())
            {
                var memberLocation = report && SymbolEqualityComparer.Default.Equals(declaring, type)
                    ? member.Locations.FirstOrDefault(l => l.IsInSource) ?? location
                    : location;
                var memberDiagnostics = new List<DiagnosticInfo>();
                if (member is IMethodSymbol { IsStatic: false } method)
                {
                    if (IsImplementable(method))
                    {
                        MethodChecks.Check(method, declaring, memberLocation, memberDiagnostics);
                        methods.Add((method, declaring));
                    }
                }
                else if (NonMethodKind(member) is { } kind)
                {
                    memberDiagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.NonMethodMember, memberLocation, SymbolNames.Display(declaring), kind, member.Name));
                }

                failed |= memberDiagnostics.Count > 0;
                if (report)
                {
                    diagnostics.AddRange(memberDiagnostics);
                }
            }
        }

        var model = failed ? null : BuildModel(type, methods);
        return new AnalysisResult<InterfaceModel>(model, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// A member of another grain interface in this compilation is reported there; members of non-grain or
    /// referenced interfaces have no other place to be reported, so they are reported here.
    /// </summary>
    private static bool ShouldReport(INamedTypeSymbol type, INamedTypeSymbol declaring)
        => SymbolEqualityComparer.Default.Equals(declaring, type)
            || !TypeFacts.IsFromSource(declaring)
            || !TypeFacts.IsGrainInterface(declaring);

    private static bool IsImplementable(IMethodSymbol method)
        => !method.IsStatic && method.MethodKind == MethodKind.Ordinary && (method.IsAbstract || method.IsVirtual);

    /// <summary>What a member a proxy cannot implement is called in a message; null for members that are fine.</summary>
    private static string? NonMethodKind(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise } => null,
        { IsStatic: true, IsAbstract: true } => "static abstract member",
        { IsStatic: true } => null,
        IEventSymbol => "event",
        IPropertySymbol { IsIndexer: true } => "indexer",
        IPropertySymbol => "property",
        _ => null,
    };

    private static bool IsFirstDeclaration(INamedTypeSymbol type, SyntaxNode node, CancellationToken cancellationToken)
        => type.DeclaringSyntaxReferences.Length <= 1 || type.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) == node;

    private static InterfaceModel BuildModel(INamedTypeSymbol type, List<(IMethodSymbol Method, INamedTypeSymbol Declaring)> methods)
    {
        var overloads = methods.GroupBy(m => m.Method.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToImmutableHashSet();
        var seen = new Dictionary<string, int>();
        var models = new List<MethodModel>(methods.Count);
        foreach (var (method, declaring) in methods)
        {
            var requestName = method.Name + "_Request";
            if (overloads.Contains(method.Name))
            {
                seen.TryGetValue(method.Name, out var index);
                seen[method.Name] = ++index;
                requestName += index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            models.Add(MethodChecks.BuildModel(method, declaring, requestName));
        }

        return new InterfaceModel(
            type.ToDisplayString(SymbolNames.Plain),
            SymbolNames.GeneratedNamespace(type),
            SymbolNames.FlatName(type) + "_Proxy",
            models.ToEquatableArray());
    }
}
