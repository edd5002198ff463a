using ActorCity.Runtime.CodeGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ActorCity.Runtime.CodeGen.Tests.Generation;

public sealed class IncrementalityTests
{
    private const string Interface = """
        using System.Threading.Tasks;
        namespace Sample;
        public interface IEchoGrain : ActorCity.Runtime.IGrainWithStringKey { Task<string> Echo(string text); }
        """;

    private const string GrainClass = """
        using System.Threading.Tasks;
        namespace Sample;
        public sealed class EchoGrain : ActorCity.Runtime.Grain, IEchoGrain
        {
            public Task<string> Echo(string text) => Task.FromResult(text);
        }
        """;

    [Fact]
    public void Editing_a_method_body_leaves_interface_and_class_models_unchanged_so_nothing_is_regenerated()
    {
        var first = GeneratorHarness.Run(Interface, GrainClass);
        var oldTree = first.Input.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var newTree = CSharpSyntaxTree.ParseText(GrainClass.Replace("Task.FromResult(text)", "Task.FromResult(text + text)", StringComparison.Ordinal), GeneratorHarness.ParseOptions, "Source1.cs");
        var edited = first.Input.ReplaceSyntaxTree(oldTree, newTree);

        var second = first.Driver.RunGenerators(edited).GetRunResult().Results.Single();

        var steps = new[] { GrainCodeGenerator.TrackingNames.Interfaces, GrainCodeGenerator.TrackingNames.GrainClasses }
            .SelectMany(name => second.TrackedSteps[name])
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(
            second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }
}
