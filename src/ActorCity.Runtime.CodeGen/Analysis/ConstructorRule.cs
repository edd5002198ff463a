using System.Collections.Generic;
using System.Linq;
using ActorCity.Runtime.CodeGen.Diagnostics;
using ActorCity.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis;

namespace ActorCity.Runtime.CodeGen.Analysis;

/// <summary>
/// Which constructor the activator calls: among the public constructors (or, when there are none, the internal ones)
/// the one with the most parameters; a tie for the most is an error, because the choice would be a guess.
/// </summary>
internal static class ConstructorRule
{
    public static IMethodSymbol? Select(INamedTypeSymbol type, string name, Location location, List<DiagnosticInfo> diagnostics)
    {
        var candidates = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        if (candidates.Count == 0)
        {
            candidates = type.InstanceConstructors
                .Where(c => c.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal)
                .ToList();
        }

        if (candidates.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoConstructor, location, name, "has no public or internal constructor"));
            return null;
        }

        var most = candidates.Max(c => c.Parameters.Length);
        var widest = candidates.Where(c => c.Parameters.Length == most).ToList();
        if (widest.Count > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.NoConstructor,
                location,
                name,
                $"has {widest.Count} constructors with {most} parameters; the activator calls the one with the most parameters, so that one must be unique"));
            return null;
        }

        var chosen = widest[0];
        foreach (var parameter in chosen.Parameters.Where(p => p.RefKind is RefKind.Ref or RefKind.Out))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.NoConstructor, location, name, $"constructor parameter '{parameter.Name}' is passed by reference, which an activator cannot supply"));
        }

        return chosen;
    }
}
