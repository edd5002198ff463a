using ActorCity.Runtime.CodeGen.Tests.Infrastructure;

namespace ActorCity.Runtime.CodeGen.Tests.Generation;

public sealed class ActivatorGenerationTests
{
    private const string GrainClass = """
        using System;
        using System.Threading.Tasks;
        using ActorCity.Runtime;
        using ActorCity.Runtime.Storage;

        namespace Sample;

        public sealed record Profile(string Name);

        public interface IClock { DateTimeOffset Now { get; } }

        public enum Mode { Fast = 1, Slow = 2 }

        public interface IProfileGrain : IGrainWithStringKey { Task<string> Name(); }

        public sealed class ProfileGrain : Grain, IProfileGrain
        {
            public ProfileGrain() { }

            public ProfileGrain(
                [PersistentState("profile", "sqlite")] IPersistentState<Profile> profile,
                [PersistentState("audit")] IPersistentState<Profile?> audit,
                IGrainContext context,
                IClock clock,
                IServiceProvider? optional,
                Mode mode = Mode.Slow,
                int retries = -3,
                decimal rate = 1.25m,
                string label = "a \"b\"",
                Uri? home = null)
            {
            }

            public Task<string> Name() => Task.FromResult("x");
        }

        public abstract class AbstractGrain : Grain { }

        internal sealed partial class PartialGrain { }

        internal sealed partial class PartialGrain : AbstractGrain { }
        """;

    [Fact]
    public void Activators_for_persistent_state_context_services_and_defaults_compile_without_warnings()
    {
        var result = GeneratorHarness.Run(GrainClass);

        result.AssertCompilesCleanly();
    }

    [Fact]
    public void Activator_is_generated_for_concrete_grain_classes_only_once_per_partial_class()
    {
        var result = GeneratorHarness.Run(GrainClass);

        Assert.Contains("Sample.Generated.ProfileGrain_Activator.g.cs", result.GeneratedFiles);
        Assert.Single(result.GeneratedFiles, f => f == "Sample.Generated.PartialGrain_Activator.g.cs");
        Assert.DoesNotContain(result.GeneratedFiles, f => f.Contains("AbstractGrain", StringComparison.Ordinal));
    }

    [Fact]
    public void Activator_uses_the_constructor_with_the_most_parameters_and_resolves_each_by_its_rule()
    {
        var activator = GeneratorHarness.Run(GrainClass).Source("ProfileGrain_Activator.g.cs");

        Assert.Contains("stateFactory.Create<global::Sample.Profile>(context, \"profile\", \"sqlite\")", activator);
        Assert.Contains("stateFactory.Create<global::Sample.Profile?>(context, \"audit\", \"Default\")", activator);
        Assert.Contains("(global::Sample.IClock)(services.GetService(typeof(global::Sample.IClock)) ?? throw new global::System.InvalidOperationException(\"Cannot activate grain Sample.ProfileGrain: no service of type Sample.IClock is registered for constructor parameter 'clock'.\"))", activator);
        Assert.Contains("is global::Sample.Mode arg5 ? arg5 : (global::Sample.Mode)(2)", activator);
        Assert.Contains("is decimal arg7 ? arg7 : 1.25M", activator);
        Assert.Contains("is global::System.IServiceProvider arg4 ? arg4 : default(global::System.IServiceProvider?)", activator);
    }

    [Fact]
    public void Registry_registers_the_activators()
    {
        var registry = GeneratorHarness.Run(GrainClass).Source("TestGrains_GrainRegistry.g.cs");

        Assert.Contains("registrar.AddGrainClass(typeof(global::Sample.ProfileGrain), global::Sample.Generated.ProfileGrain_Activator.Create);", registry);
        Assert.Contains("registrar.AddGrainClass(typeof(global::Sample.PartialGrain), global::Sample.Generated.PartialGrain_Activator.Create);", registry);
    }
}
