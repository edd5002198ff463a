using System.Collections.Immutable;
using ActorCity.Runtime.CodeGen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ActorCity.Runtime.CodeGen.Tests.Infrastructure;

/// <summary>Runs the generator over in-memory sources that reference the Abstractions assembly and the BCL.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static GeneratorResult Run(params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CSharpGeneratorDriver.Create(
            [new GrainCodeGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        var ran = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorResult(compilation, ran, output, generatorDiagnostics);
    }

    public static CSharpCompilation CreateCompilation(params string[] sources)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs"));
        return CSharpCompilation.Create(
            "TestGrains",
            trees,
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(p => !p.Contains("ActorCity", StringComparison.Ordinal))
            .Append(typeof(Grain).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}

internal sealed record GeneratorResult(Compilation Input, GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>Warnings and errors of the compilation including the generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationProblems => Output.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToImmutableArray();

    public ImmutableArray<string> GeneratedFiles => Driver.GetRunResult().GeneratedTrees
        .Select(t => Path.GetFileName(t.FilePath))
        .ToImmutableArray();

    public string Source(string fileNameEnd) => Driver.GetRunResult().GeneratedTrees
        .Single(t => t.FilePath.EndsWith(fileNameEnd, StringComparison.Ordinal))
        .ToString();

    public Diagnostic Single(string id) => Assert.Single(GeneratorDiagnostics, d => d.Id == id);

    public void AssertCompilesCleanly()
    {
        Assert.Empty(GeneratorDiagnostics);
        var problems = CompilationProblems;
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Select(p => p.ToString())) + "\n\n" + string.Join("\n\n", Driver.GetRunResult().GeneratedTrees.Select(t => t.ToString())));
    }
}
