using System.Collections.Generic;
using System.Linq;
using ActorCity.Runtime.CodeGen.Diagnostics;
using ActorCity.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>
/// Where the activator takes each constructor argument from: [PersistentState] parameters from
/// IPersistentStateFactory, IGrainContext from the activation, everything else from the service provider
/// (optional when the parameter has a default value or a nullable type).
/// </summary>
internal static class ConstructorArguments
{
    private const string DefaultStorageName = "Default";

    public static ConstructorArgumentModel? Resolve(IParameterSymbol parameter, string grainName, Location location, List<DiagnosticInfo> diagnostics)
    {
        var type = parameter.Type;
        var stateAttribute = parameter.GetAttributes().FirstOrDefault(a => TypeFacts.Is(a.AttributeClass, TypeFacts.PersistentStateAttribute));
        var annotated = type.ToDisplayString(SymbolNames.Annotated);
        var plain = type.ToDisplayString(SymbolNames.Plain);
        var display = type.ToDisplayString();
        var name = parameter.Name;

        if (stateAttribute is not null)
        {
            if (!TypeFacts.Is(type, TypeFacts.PersistentState))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPersistentState, location, grainName, name, display));
                return null;
            }

            var arguments = stateAttribute.ConstructorArguments;
            var stateName = arguments.Length > 0 ? arguments[0].Value as string ?? string.Empty : string.Empty;
            var storageName = arguments.Length > 1 ? arguments[1].Value as string ?? DefaultStorageName : DefaultStorageName;
            var stateType = ((INamedTypeSymbol)type).TypeArguments[0].ToDisplayString(SymbolNames.Annotated);
            return new ConstructorArgumentModel(ArgumentKind.PersistentState, name, annotated, plain, plain, display, stateType, stateName, storageName, null);
        }

        if (TypeFacts.Is(type, TypeFacts.GrainContext))
        {
            return new ConstructorArgumentModel(ArgumentKind.Context, name, annotated, plain, plain, display, null, null, null, null);
        }

        var patternType = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0].ToDisplayString(SymbolNames.Plain)
            : plain;
        var isNullable = type.NullableAnnotation == NullableAnnotation.Annotated
            || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        if (parameter.HasExplicitDefaultValue || isNullable)
        {
            var fallback = parameter.HasExplicitDefaultValue ? Literal(parameter.ExplicitDefaultValue, type, annotated) : $"default({annotated})";
            return new ConstructorArgumentModel(ArgumentKind.OptionalService, name, annotated, plain, patternType, display, null, null, null, fallback);
        }

        return new ConstructorArgumentModel(ArgumentKind.RequiredService, name, annotated, plain, patternType, display, null, null, null, null);
    }

    /// <summary>The parameter's default value as a C# expression of the parameter's type.</summary>
    private static string Literal(object? value, ITypeSymbol type, string annotated)
    {
        switch (value)
        {
            case null:
                return $"default({annotated})!";
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                return double.IsNaN(d) ? "double.NaN" : d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
            case float f when float.IsNaN(f) || float.IsInfinity(f):
                return float.IsNaN(f) ? "float.NaN" : f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
            case decimal:
                return SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + "M";
            case string or bool or char:
                return SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false);
            default:
                var plain = type.ToDisplayString(SymbolNames.Plain);
                return $"({plain})({SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)})";
        }
    }
}
