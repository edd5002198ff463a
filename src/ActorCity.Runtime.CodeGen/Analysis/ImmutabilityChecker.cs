using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>
/// Decides whether a value of a type may be shared by reference between caller and grain: the in-process call path
/// passes arguments and results without copying, so a mutable object would let a caller reach into grain state.
/// </summary>
/// <remarks>
/// Source types are checked field by field (auto-property backing fields included). Types from other assemblies
/// expose only their visible members, so a class from another assembly must be a record or carry [Immutable].
/// Structs are copied on every pass, so their fields need safe types but need not be readonly.
/// </remarks>
internal sealed class ImmutabilityChecker
{
    private static readonly HashSet<string> s_safeTypes =
    [
        "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly", "System.Guid",
        "System.Half", "System.Int128", "System.UInt128", "System.Uri", "System.Version",
        "System.Threading.CancellationToken", "ActorCity.Runtime.GrainId",
    ];

    private static readonly HashSet<string> s_immutableCollections =
    [
        "System.Collections.Immutable.ImmutableArray`1", "System.Collections.Immutable.ImmutableList`1",
        "System.Collections.Immutable.ImmutableDictionary`2", "System.Collections.Immutable.ImmutableHashSet`1",
        "System.Collections.Immutable.ImmutableSortedDictionary`2", "System.Collections.Immutable.ImmutableSortedSet`1",
        "System.Collections.Immutable.ImmutableQueue`1", "System.Collections.Immutable.ImmutableStack`1",
        "System.Collections.Frozen.FrozenDictionary`2", "System.Collections.Frozen.FrozenSet`1",
    ];

    private readonly Dictionary<ITypeSymbol, Violation?> _known = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _inProgress = new(SymbolEqualityComparer.Default);

    /// <summary>Null when the type is safe; otherwise the first violation found.</summary>
    public Violation? Check(ITypeSymbol type)
    {
        if (_known.TryGetValue(type, out var known))
        {
            return known;
        }

        // A type met again while it is being checked is assumed safe: any violation on the cycle is found by the outer check.
        if (!_inProgress.Add(type))
        {
            return null;
        }

        var result = CheckCore(type);
        _inProgress.Remove(type);

        // A safe verdict reached inside a cycle rests on an assumption, so only violations and top-level verdicts are kept.
        if (result is not null || _inProgress.Count == 0)
        {
            _known[type] = result;
        }

        return result;
    }

    private Violation? CheckCore(ITypeSymbol type)
    {
        var display = type.ToDisplayString(SymbolNames.Short);
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Violation.Type(display, "is mutable", $"use ImmutableArray<{array.ElementType.ToDisplayString(SymbolNames.Short)}>");
            case ITypeParameterSymbol:
                return Violation.Type(display, "is a type parameter, which cannot be checked", "use a concrete immutable type");
            case IDynamicTypeSymbol:
                return Violation.Type(display, "can hold any mutable object", "use a specific immutable type");
            case INamedTypeSymbol named:
                return CheckNamed(named, display);
            default:
                return Violation.Type(display, "cannot be shared safely", "use an immutable type");
        }
    }

    private Violation? CheckNamed(INamedTypeSymbol type, string display)
    {
        if (IsSafeLeaf(type) || TypeFacts.HasImmutableAttribute(type) || TypeFacts.IsGrainInterface(type))
        {
            return null;
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return Violation.Type(display, "can hold any mutable object", "use a specific immutable type");
        }

        var definition = TypeFacts.MetadataName(type.OriginalDefinition);
        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T || s_immutableCollections.Contains(definition))
        {
            foreach (var argument in type.TypeArguments)
            {
                if (Check(argument) is { } violation)
                {
                    return violation;
                }
            }

            return null;
        }

        if (Advice.IsKnownCollection(type))
        {
            var reason = type.TypeKind == TypeKind.Interface ? "is an interface, which may hide a mutable implementation" : "is mutable";
            return Violation.Type(display, reason, Advice.For(type));
        }

        switch (type.TypeKind)
        {
            case TypeKind.Interface:
                return Violation.Type(display, "is an interface, which may hide a mutable implementation", Advice.For(type));
            case TypeKind.Delegate:
                return Violation.Type(display, "is a delegate", "pass data, not code");
            case TypeKind.Struct:
                return CheckMembers(type, display, isStruct: true);
            case TypeKind.Class when TypeFacts.IsFromSource(type) || type.IsRecord:
                return CheckMembers(type, display, isStruct: false);
            case TypeKind.Class:
                return Violation.Type(display, "is a class from another assembly, which cannot be checked", "use a record or mark it [Immutable]");
            default:
                return Violation.Type(display, "cannot be shared safely", "use an immutable type");
        }
    }

    private Violation? CheckMembers(INamedTypeSymbol type, string display, bool isStruct)
    {
        for (var current = type; current is not null && !IsRootBase(current); current = current.BaseType)
        {
            if (!SymbolEqualityComparer.Default.Equals(current, type))
            {
                if (TypeFacts.HasImmutableAttribute(current))
                {
                    return null;
                }

                if (!TypeFacts.IsFromSource(current) && !current.IsRecord)
                {
                    var baseDisplay = current.ToDisplayString(SymbolNames.Short);
                    return Violation.Type(baseDisplay, "is a base class from another assembly, which cannot be checked", $"derive {display} from a record or mark it [Immutable]");
                }
            }

            if (CheckDeclaredMembers(current, display, isStruct) is { } violation)
            {
                return violation;
            }
        }

        return null;
    }

    private Violation? CheckDeclaredMembers(INamedTypeSymbol type, string rootDisplay, bool isStruct)
    {
        var fromSource = TypeFacts.IsFromSource(type);
        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic)
            {
                continue;
            }

            var (name, memberType, readOnly) = member switch
            {
                IFieldSymbol { IsConst: false } field => (field.AssociatedSymbol?.Name ?? field.Name, field.Type, TypeFacts.IsReadOnly(field)),

                // Source properties are covered by their backing fields; other assemblies show only the property.
                IPropertySymbol { IsIndexer: false } property when !fromSource && !(type.IsRecord && property.Name == "EqualityContract")
                    => (property.Name, property.Type, property.SetMethod is null || property.SetMethod.IsInitOnly),
                _ => (null, null, true),
            };

            if (name is null || memberType is null)
            {
                continue;
            }

            if (!isStruct && !readOnly)
            {
                return Violation.SettableMember(rootDisplay, name, memberType.ToDisplayString(SymbolNames.Short));
            }

            if (Check(memberType) is { } violation)
            {
                return violation.Through(rootDisplay, name);
            }
        }

        return null;
    }

    private static bool IsRootBase(INamedTypeSymbol type)
        => type.SpecialType is SpecialType.System_Object or SpecialType.System_ValueType;

    private static bool IsSafeLeaf(INamedTypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_String:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_DateTime:
                return true;
        }

        return type.TypeKind == TypeKind.Enum || s_safeTypes.Contains(TypeFacts.MetadataName(type));
    }
}
