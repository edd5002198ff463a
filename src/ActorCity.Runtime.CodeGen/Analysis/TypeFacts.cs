using System.Linq;
using Microsoft.CodeAnalysis;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>Questions about symbols, answered by name so no lookup in the compilation is needed.</summary>
internal static class TypeFacts
{
    public const string GrainInterface = "ActorCity.Runtime.IGrain";
    public const string GrainClass = "ActorCity.Runtime.Grain";
    public const string GrainContext = "ActorCity.Runtime.IGrainContext";
    public const string PersistentState = "ActorCity.Runtime.Storage.IPersistentState`1";
    public const string PersistentStateAttribute = "ActorCity.Runtime.Storage.PersistentStateAttribute";
    public const string ImmutableAttribute = "ActorCity.Runtime.Concurrency.ImmutableAttribute";
    public const string AlwaysInterleaveAttribute = "ActorCity.Runtime.Concurrency.AlwaysInterleaveAttribute";

    /// <summary><c>Ns.Outer+Inner`1</c>-free form: namespace, then the metadata name (<c>List`1</c>).</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    public static bool Is(ITypeSymbol? type, string metadataName)
        => type is INamedTypeSymbol named && MetadataName(named.OriginalDefinition) == metadataName;

    public static bool IsGrainInterface(INamedTypeSymbol type)
        => type.TypeKind == TypeKind.Interface && (Is(type, GrainInterface) || type.AllInterfaces.Any(i => Is(i, GrainInterface)));

    public static bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (Is(current, GrainClass))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasAttribute(ISymbol symbol, string attributeMetadataName)
        => symbol.GetAttributes().Any(a => Is(a.AttributeClass, attributeMetadataName));

    public static bool HasImmutableAttribute(INamedTypeSymbol type) => HasAttribute(type.OriginalDefinition, ImmutableAttribute);

    public static bool IsFromSource(INamedTypeSymbol type) => type.DeclaringSyntaxReferences.Length > 0;

    /// <summary>Readonly fields, and backing fields of get-only or init-only auto-properties.</summary>
    public static bool IsReadOnly(IFieldSymbol field)
        => field.IsReadOnly
            || field.AssociatedSymbol is IPropertySymbol property && (property.SetMethod is null || property.SetMethod.IsInitOnly);
}
