using ActorCity.Runtime.Invocation;

namespace ActorCity.Runtime.CodeGen.Tests.Behaviour;

public sealed class ActivatorBehaviourTests
{
    private readonly FakeGrainContext _context = new(new GrainId("CounterGrain", "c1"));

    [Fact]
    public void Activator_passes_persistent_state_from_the_factory_with_the_declared_state_and_storage_names()
    {
        var factory = new FakeStateFactory();
        var services = new FakeServices().Add<Storage.IPersistentStateFactory>(factory).Add<IClockService>(new FakeClock());

        var grain = Assert.IsType<CounterGrain>(Activate(services));

        Assert.Equal(
            [(_context, "counter", "memory", typeof(CounterState)), (_context, "audit", "Default", typeof(CounterState))],
            factory.Created.Select(c => ((FakeGrainContext)c.Context, c.StateName, c.StorageName, c.StateType)));
        Assert.Equal(("counter", "memory"), (((FakeState<CounterState>)grain.Counter).StateName, ((FakeState<CounterState>)grain.Counter).StorageName));
        Assert.Equal(("audit", "Default"), (((FakeState<CounterState>)grain.Audit).StateName, ((FakeState<CounterState>)grain.Audit).StorageName));
    }

    [Fact]
    public void Activator_passes_the_context_the_registered_service_and_the_default_for_a_missing_optional_one()
    {
        var clock = new FakeClock();
        var services = new FakeServices().Add<Storage.IPersistentStateFactory>(new FakeStateFactory()).Add<IClockService>(clock);

        var grain = Assert.IsType<CounterGrain>(Activate(services));

        Assert.Same(_context, grain.Context);
        Assert.Same(_context, grain.GrainContext);
        Assert.Same(clock, grain.Clock);
        Assert.Equal(100, grain.Limit);
    }

    [Fact]
    public void Activator_uses_a_registered_service_over_the_parameter_default()
    {
        var services = new FakeServices().Add<Storage.IPersistentStateFactory>(new FakeStateFactory()).Add<IClockService>(new FakeClock()).Add(7);

        var grain = Assert.IsType<CounterGrain>(Activate(services));

        Assert.Equal(7, grain.Limit);
    }

    [Fact]
    public void Missing_required_service_fails_with_a_message_naming_the_grain_and_the_service_type()
    {
        var services = new FakeServices().Add<Storage.IPersistentStateFactory>(new FakeStateFactory());

        var error = Assert.Throws<InvalidOperationException>(() => Activate(services));

        Assert.Equal(
            "Cannot activate grain ActorCity.Runtime.CodeGen.Tests.Behaviour.CounterGrain: no service of type ActorCity.Runtime.CodeGen.Tests.Behaviour.IClockService is registered for constructor parameter 'clock'.",
            error.Message);
    }

    [Fact]
    public void Missing_state_factory_fails_with_a_message_naming_the_grain()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Activate(new FakeServices()));

        Assert.Contains("CounterGrain", error.Message, StringComparison.Ordinal);
        Assert.Contains("IPersistentStateFactory", error.Message, StringComparison.Ordinal);
    }

    private Grain Activate(IServiceProvider services)
    {
        GrainActivator activator = GeneratedRegistry.Load().GrainClasses[typeof(CounterGrain)];
        RuntimeContext.Activating = _context;
        try
        {
            return activator(services, _context);
        }
        finally
        {
            RuntimeContext.Activating = null;
        }
    }
}
