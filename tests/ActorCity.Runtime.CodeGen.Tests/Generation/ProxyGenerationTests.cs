using ActorCity.Runtime.CodeGen.Tests.Infrastructure;

namespace ActorCity.Runtime.CodeGen.Tests.Generation;

public sealed class ProxyGenerationTests
{
    private const string Grains = """
        using System.Collections.Immutable;
        using System.Threading;
        using System.Threading.Tasks;
        using ActorCity.Runtime;
        using ActorCity.Runtime.Concurrency;

        namespace Sample;

        public sealed record TaskDto(string Title, ImmutableArray<string> Tags, System.DateTimeOffset Due);

        public interface IBaseGrain : IGrainWithStringKey
        {
            Task Ping();

            [AlwaysInterleave]
            ValueTask<int> Count();
        }

        public interface ITaskGrain : IBaseGrain, IRemindable
        {
            Task<TaskDto?> Get(CancellationToken cancellationToken);

            Task Assign(string crew);

            Task Assign(string crew, int priority);

            ValueTask Close(string? reason, bool @default = false);

            Task<ImmutableDictionary<string, int>> Totals(ITaskGrain? other);
        }
        """;

    [Fact]
    public void Generated_code_for_tasks_valuetasks_overloads_and_inherited_interfaces_compiles_without_warnings()
    {
        var result = GeneratorHarness.Run(Grains);

        result.AssertCompilesCleanly();
    }

    [Fact]
    public void One_proxy_per_grain_interface_in_the_compilation_and_one_registry()
    {
        var result = GeneratorHarness.Run(Grains);

        Assert.Equal(
            ["Sample.Generated.IBaseGrain_Proxy.g.cs", "Sample.Generated.ITaskGrain_Proxy.g.cs", "ActorCity.Generated.TestGrains_GrainRegistry.g.cs"],
            result.GeneratedFiles.ToArray());
    }

    [Fact]
    public void Proxy_implements_inherited_methods_including_IRemindable_ReceiveReminder()
    {
        var proxy = GeneratorHarness.Run(Grains).Source("ITaskGrain_Proxy.g.cs");

        Assert.Contains("global::System.Threading.Tasks.Task global::Sample.IBaseGrain.Ping()", proxy);
        Assert.Contains("global::Sample.IBaseGrain.Count()", proxy);
        Assert.Contains("global::ActorCity.Runtime.IRemindable.ReceiveReminder(string reminderName, global::ActorCity.Runtime.TickStatus status)", proxy);
    }

    [Fact]
    public void Overloads_get_distinct_request_classes()
    {
        var proxy = GeneratorHarness.Run(Grains).Source("ITaskGrain_Proxy.g.cs");

        Assert.Contains("class Assign_Request1 ", proxy);
        Assert.Contains("class Assign_Request2 ", proxy);
        Assert.Contains("class Ping_Request ", proxy);
    }

    [Fact]
    public void Nullable_annotations_and_keyword_parameter_names_are_kept()
    {
        var proxy = GeneratorHarness.Run(Grains).Source("ITaskGrain_Proxy.g.cs");

        Assert.Contains("global::System.Threading.Tasks.Task<global::Sample.TaskDto?> global::Sample.ITaskGrain.Get(global::System.Threading.CancellationToken cancellationToken)", proxy);
        Assert.Contains("Close(string? reason, bool @default)", proxy);
        Assert.Contains("Totals(global::Sample.ITaskGrain? other)", proxy);
    }

    [Fact]
    public void AlwaysInterleave_on_the_interface_method_sets_the_descriptor_option()
    {
        var proxy = GeneratorHarness.Run(Grains).Source("IBaseGrain_Proxy.g.cs");

        Assert.Contains("\"Count\", global::ActorCity.Runtime.Invocation.GrainMethodOptions.AlwaysInterleave", proxy);
        Assert.Contains("\"Ping\", global::ActorCity.Runtime.Invocation.GrainMethodOptions.None", proxy);
    }

    [Fact]
    public void Nested_interfaces_and_same_named_members_of_two_base_interfaces_compile()
    {
        var result = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            using ActorCity.Runtime;

            public static class Outer
            {
                public interface IA : IGrainWithIntegerKey { Task<int> Get(); }

                public interface IB : IGrainWithIntegerKey { Task<string> Get(); }

                internal interface IBoth : IA, IB { }
            }
            """);

        result.AssertCompilesCleanly();
        Assert.Contains("ActorCity.Generated.Outer_IBoth_Proxy.g.cs", result.GeneratedFiles);
    }

    [Fact]
    public void A_compilation_without_grains_gets_no_generated_files()
    {
        var result = GeneratorHarness.Run("public interface IPlain { void Run(); } public sealed class Plain { }");

        Assert.Empty(result.GeneratedFiles);
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void Registry_registers_every_proxy_and_names_itself_in_an_assembly_attribute()
    {
        var registry = GeneratorHarness.Run(Grains).Source("TestGrains_GrainRegistry.g.cs");

        Assert.Contains("[assembly: global::ActorCity.Runtime.Invocation.GeneratedGrainRegistry(typeof(global::ActorCity.Generated.TestGrains_GrainRegistry))]", registry);
        Assert.Contains("registrar.AddInterface(typeof(global::Sample.ITaskGrain), static (invoker, grainId) => new global::Sample.Generated.ITaskGrain_Proxy(invoker, grainId));", registry);
        Assert.Contains("registrar.AddInterface(typeof(global::Sample.IBaseGrain),", registry);
    }

    [Fact]
    public void Interfaces_declared_where_nullable_is_disabled_or_in_the_global_namespace_compile_cleanly()
    {
        var result = GeneratorHarness.Run("""
            #nullable disable
            using System.Threading.Tasks;
            public interface ILegacyGrain : ActorCity.Runtime.IGrainWithGuidKey
            {
                Task<string> Name(string prefix);
            }
            """);

        result.AssertCompilesCleanly();
        Assert.Contains("ActorCity.Generated.ILegacyGrain_Proxy.g.cs", result.GeneratedFiles);
    }

    [Fact]
    public void Partial_interface_gets_one_proxy_with_the_methods_of_every_part()
    {
        var result = GeneratorHarness.Run(
            "namespace P; public partial interface ISplitGrain : ActorCity.Runtime.IGrainWithStringKey { System.Threading.Tasks.Task A(); }",
            "namespace P; public partial interface ISplitGrain { System.Threading.Tasks.Task B(); }");

        result.AssertCompilesCleanly();
        var proxy = result.Source("ISplitGrain_Proxy.g.cs");
        Assert.Contains("class A_Request ", proxy);
        Assert.Contains("class B_Request ", proxy);
    }

    [Fact]
    public void Nested_grain_class_gets_an_activator_named_after_its_containing_type()
    {
        var result = GeneratorHarness.Run("""
            namespace N;
            public static class Outer
            {
                internal sealed class InnerGrain : ActorCity.Runtime.Grain { }
            }
            """);

        result.AssertCompilesCleanly();
        Assert.Contains("N.Generated.Outer_InnerGrain_Activator.g.cs", result.GeneratedFiles);
    }
}
