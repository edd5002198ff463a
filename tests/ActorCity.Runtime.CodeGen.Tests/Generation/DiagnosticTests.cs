using ActorCity.Runtime.CodeGen.Tests.Infrastructure;

namespace ActorCity.Runtime.CodeGen.Tests.Generation;

public sealed class DiagnosticTests
{
    private static GeneratorResult RunInterface(string members) => GeneratorHarness.Run($$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using ActorCity.Runtime;

        namespace Sample;

        public interface IFooGrain : IGrainWithStringKey
        {
            {{members}}
        }
        """);

    [Theory]
    [InlineData("int Bar();", "int")]
    [InlineData("void Bar();", "void")]
    [InlineData("IAsyncEnumerable<int> Bar();", "IAsyncEnumerable<int>")]
    public void ACG001_unsupported_return_type_names_the_method_and_type(string member, string typeName)
    {
        var diagnostic = RunInterface(member).Single("ACG001");

        Assert.Equal($"Grain method IFooGrain.Bar returns {typeName}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>", diagnostic.GetMessage());
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(("Source0.cs", 8), (span.Path, span.StartLinePosition.Line));
    }

    [Theory]
    [InlineData("ref int x", "ref")]
    [InlineData("out int x", "out")]
    [InlineData("in int x", "in")]
    public void ACG002_by_reference_parameter_names_the_method_and_parameter(string parameter, string kind)
    {
        var diagnostic = RunInterface($"Task Bar({parameter});").Single("ACG002");

        Assert.Equal($"Grain method IFooGrain.Bar parameter 'x' is declared '{kind}'; grain method parameters must be passed by value", diagnostic.GetMessage());
    }

    [Fact]
    public void ACG003_generic_method_names_the_method()
    {
        var diagnostic = RunInterface("Task<T> Bar<T>();").Single("ACG003");

        Assert.Contains("IFooGrain.Bar", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("string Name { get; }", "property 'Name'")]
    [InlineData("int this[int i] { get; }", "indexer 'this[]'")]
    [InlineData("event System.EventHandler Changed;", "event 'Changed'")]
    [InlineData("static abstract Task Create();", "static abstract member 'Create'")]
    public void ACG004_property_indexer_or_event_names_the_interface_and_member(string member, string expected)
    {
        var diagnostic = RunInterface(member).Single("ACG004");

        Assert.Equal($"Grain interface Sample.IFooGrain declares {expected}; grain interfaces may declare only methods", diagnostic.GetMessage());
    }

    [Fact]
    public void ACG005_generic_grain_interface_is_rejected_and_gets_no_proxy()
    {
        var result = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            public interface IBox<T> : ActorCity.Runtime.IGrainWithStringKey { Task Put(int x); }
            """);

        Assert.Contains("IBox<T>", result.Single("ACG005").GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedFiles);
    }

    [Fact]
    public void ACG007_tie_between_widest_constructors_names_the_grain()
    {
        var result = GeneratorHarness.Run("""
            public sealed class TwinGrain : ActorCity.Runtime.Grain
            {
                public TwinGrain(int a) { }
                public TwinGrain(string b) { }
            }
            """);

        Assert.StartsWith("Grain class TwinGrain has 2 constructors with 1 parameters", result.Single("ACG007").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACG007_grain_without_public_or_internal_constructor()
    {
        var result = GeneratorHarness.Run("""
            public sealed class HiddenGrain : ActorCity.Runtime.Grain
            {
                private HiddenGrain() { }
            }
            """);

        Assert.Equal("Grain class HiddenGrain has no public or internal constructor", result.Single("ACG007").GetMessage());
    }

    [Fact]
    public void ACG008_PersistentState_on_a_non_state_parameter_names_grain_and_parameter()
    {
        var result = GeneratorHarness.Run("""
            using ActorCity.Runtime.Storage;
            public sealed class BadGrain : ActorCity.Runtime.Grain
            {
                public BadGrain([PersistentState("s")] string state) { }
            }
            """);

        Assert.Equal(
            "Grain class BadGrain constructor parameter 'state' has [PersistentState] but its type is string; it must be IPersistentState<T>",
            result.Single("ACG008").GetMessage());
    }

    [Fact]
    public void ACG009_private_nested_grain_interface_and_class_are_rejected()
    {
        var result = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            public sealed class Host
            {
                private interface IHiddenGrain : ActorCity.Runtime.IGrainWithStringKey { Task Run(); }
                private sealed class HiddenGrain : ActorCity.Runtime.Grain { }
            }
            """);

        var messages = result.GeneratorDiagnostics.Where(d => d.Id == "ACG009").Select(d => d.GetMessage()).ToList();
        Assert.Contains("Grain interface Host.IHiddenGrain is private, protected or file-local; generated code needs it public or internal", messages);
        Assert.Contains("Grain class Host.HiddenGrain is private, protected or file-local; generated code needs it public or internal", messages);
    }

    [Fact]
    public void ACG010_generic_grain_class_is_rejected()
    {
        var result = GeneratorHarness.Run("public sealed class BoxGrain<T> : ActorCity.Runtime.Grain { }");

        Assert.Contains("BoxGrain<T>", result.Single("ACG010").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_base_interface_member_is_reported_once_and_no_derived_proxy_is_emitted()
    {
        var result = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            using ActorCity.Runtime;
            public interface IBaseGrain : IGrainWithStringKey { int Bad(); }
            public interface IDerivedGrain : IBaseGrain { Task Good(); }
            """);

        Assert.Equal("Grain method IBaseGrain.Bad returns int; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>", result.Single("ACG001").GetMessage());
        Assert.DoesNotContain(result.GeneratedFiles, f => f.Contains("IDerivedGrain", StringComparison.Ordinal));
        Assert.DoesNotContain(result.CompilationProblems, d => d.Id.StartsWith("CS", StringComparison.Ordinal));
    }

    [Fact]
    public void Member_of_a_non_grain_base_interface_is_reported_on_the_grain_interface()
    {
        var result = GeneratorHarness.Run("""
            public interface IDisposableGrain : ActorCity.Runtime.IGrainWithStringKey, System.IDisposable { }
            """);

        Assert.Equal("Grain method IDisposable.Dispose returns void; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>", result.Single("ACG001").GetMessage());
    }
}
