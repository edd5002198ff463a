using System.Linq;
using ActorCity.Runtime.CodeGen.Analysis;
using ActorCity.Runtime.CodeGen.Emit;
using ActorCity.Runtime.CodeGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ActorCity.Runtime.CodeGen;

/// <summary>
/// Generates, for the compilation being built, a proxy and request classes per grain interface, an activator per
/// grain class and one registry naming them all. Models are plain values so unchanged declarations are skipped.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainCodeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // A base list may sit on any part of a partial type, so every partial part is a candidate.
        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax i && (i.BaseList is not null || i.Modifiers.Any(SyntaxKind.PartialKeyword)),
                static (ctx, ct) => InterfaceAnalyzer.Analyze((InterfaceDeclarationSyntax)ctx.Node, ctx.SemanticModel, ct))
            .Where(static r => r is not null)
            .Select(static (r, _) => r!)
            .WithTrackingName(TrackingNames.Interfaces);

                var classes = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax c && (c.BaseList is not null || c.Modifiers.Any(SyntaxKind.PartialKeyword)),
                static (ctx, ct) => GrainClassAnalyzer.Analyze((ClassDeclarationSyntax)ctx.Node, ctx.SemanticModel, ct))
            .Where(static r => r is not null)
            .Select(static (r, _) => r!)
            .WithTrackingName(TrackingNames.GrainClasses);

        context.RegisterSourceOutput(interfaces, static (spc, result) =>
        {
            Report(spc, result.Diagnostics);
            if (result.Model is { } model)
            {
                spc.AddSource($"{model.Namespace}.{model.ProxyName}.g.cs", ProxyEmitter.Emit(model));
            }
        });

        context.RegisterSourceOutput(classes, static (spc, result) =>
        {
            Report(spc, result.Diagnostics);
            if (result.Model is { } model)
            {
                spc.AddSource($"{model.Namespace}.{model.ActivatorName}.g.cs", ActivatorEmitter.Emit(model));
            }
        });

        var interfaceModels = interfaces.Where(static r => r.Model is not null).Select(static (r, _) => r.Model!).Collect();
        var classModels = classes.Where(static r => r.Model is not null).Select(static (r, _) => r.Model!).Collect();
        var assemblyName = context.CompilationProvider.Select(static (c, _) => c.AssemblyName);
        context.RegisterSourceOutput(interfaceModels.Combine(classModels).Combine(assemblyName), static (spc, input) =>
        {
            var ((interfaceList, classList), name) = input;
            if (interfaceList.IsEmpty && classList.IsEmpty)
            {
                return;
            }

            var className = RegistryEmitter.ClassName(name);
            spc.AddSource($"ActorCity.Generated.{className}.g.cs", RegistryEmitter.Emit(className, interfaceList, classList));
        });
    }

    /// <summary>Step names tests use to check that unchanged declarations are not regenerated.</summary>
    public static class TrackingNames
    {
        public const string Interfaces = "GrainInterfaces";
        public const string GrainClasses = "GrainClasses";
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
