using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>The immutable replacement to suggest for a mutable collection type or interface.</summary>
internal static class Advice
{
    private static readonly Dictionary<string, string> s_replacements = new()
    {
        ["System.Collections.Generic.List`1"] = "ImmutableArray",
        ["System.Collections.Generic.IList`1"] = "ImmutableArray",
        ["System.Collections.Generic.IReadOnlyList`1"] = "ImmutableArray",
        ["System.Collections.Generic.ICollection`1"] = "ImmutableArray",
        ["System.Collections.Generic.IReadOnlyCollection`1"] = "ImmutableArray",
        ["System.Collections.Generic.IEnumerable`1"] = "ImmutableArray",
        ["System.Collections.Generic.LinkedList`1"] = "ImmutableList",
        ["System.Collections.Generic.Queue`1"] = "ImmutableQueue",
        ["System.Collections.Generic.Stack`1"] = "ImmutableStack",
        ["System.Collections.ObjectModel.Collection`1"] = "ImmutableArray",
        ["System.Collections.ObjectModel.ReadOnlyCollection`1"] = "ImmutableArray",
        ["System.Collections.Generic.Dictionary`2"] = "ImmutableDictionary",
        ["System.Collections.Generic.IDictionary`2"] = "ImmutableDictionary",
        ["System.Collections.Generic.IReadOnlyDictionary`2"] = "ImmutableDictionary",
        ["System.Collections.Generic.SortedDictionary`2"] = "ImmutableSortedDictionary",
        ["System.Collections.ObjectModel.ReadOnlyDictionary`2"] = "ImmutableDictionary",
        ["System.Collections.Generic.HashSet`1"] = "ImmutableHashSet",
        ["System.Collections.Generic.ISet`1"] = "ImmutableHashSet",
        ["System.Collections.Generic.IReadOnlySet`1"] = "ImmutableHashSet",
        ["System.Collections.Generic.SortedSet`1"] = "ImmutableSortedSet",

        // Views over a shared buffer: structs, but copying them does not copy what they point at.
        ["System.Memory`1"] = "ImmutableArray",
        ["System.ReadOnlyMemory`1"] = "ImmutableArray",
        ["System.ArraySegment`1"] = "ImmutableArray",
    };

    public static bool IsKnownCollection(INamedTypeSymbol type)
        => s_replacements.ContainsKey(TypeFacts.MetadataName(type.OriginalDefinition));

    public static string For(INamedTypeSymbol type)
    {
        if (!s_replacements.TryGetValue(TypeFacts.MetadataName(type.OriginalDefinition), out var replacement))
        {
            return type.TypeKind == TypeKind.Interface
                ? "use a concrete immutable type or a grain interface"
                : "use an immutable type";
        }

        var arguments = string.Join(", ", type.TypeArguments.Select(a => a.ToDisplayString(SymbolNames.Short)));
        return $"use {replacement}<{arguments}>";
    }
}
