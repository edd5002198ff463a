using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>How symbols are written in generated code and in messages.</summary>
internal static class SymbolNames
{
    /// <summary><c>global::</c>-qualified, with <c>?</c> on nullable reference types.</summary>
    public static readonly SymbolDisplayFormat Annotated = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary><c>global::</c>-qualified without reference nullability: valid inside typeof and patterns.</summary>
    public static readonly SymbolDisplayFormat Plain = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>Short form for messages: <c>List&lt;string&gt;</c>.</summary>
    public static readonly SymbolDisplayFormat Short = SymbolDisplayFormat.MinimallyQualifiedFormat
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Escape(string identifier)
        => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary><c>Ns.Outer.IFoo</c>: the namespace, then containing types, for messages.</summary>
    public static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    /// <summary>The namespace generated code for <paramref name="type"/> goes in: its own namespace plus <c>.Generated</c>.</summary>
    public static string GeneratedNamespace(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? "ActorCity.Generated" : ns.ToDisplayString() + ".Generated";
    }

    /// <summary><c>Outer_IFoo</c>: containing type names joined, so nested types get distinct names.</summary>
    public static string FlatName(INamedTypeSymbol type)
    {
        var parts = new Stack<string>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            parts.Push(t.Name);
        }

        return string.Join("_", parts);
    }

    /// <summary>True when generated code in the same assembly can name the type.</summary>
    public static bool IsAccessibleToGeneratedCode(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsFileLocal)
            {
                return false;
            }

            switch (t.DeclaredAccessibility)
            {
                case Accessibility.Public:
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }
}
