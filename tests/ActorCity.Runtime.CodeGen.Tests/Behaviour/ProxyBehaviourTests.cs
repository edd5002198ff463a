using ActorCity.Runtime.Invocation;

namespace ActorCity.Runtime.CodeGen.Tests.Behaviour;

public sealed class ProxyBehaviourTests
{
    private static readonly GrainId s_id = new("CounterGrain", "c1");

    [Fact]
    public void Registry_found_through_the_assembly_attribute_registers_both_interfaces_and_the_grain_class()
    {
        var registrar = GeneratedRegistry.Load();

        Assert.Equal(
            [typeof(ICounterGrain), typeof(INamedCounterGrain)],
            registrar.Interfaces.Keys.OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal([typeof(CounterGrain)], registrar.GrainClasses.Keys);
    }

    [Fact]
    public void Proxy_is_a_grain_reference_with_the_requested_id()
    {
        var (proxy, _, _) = GeneratedRegistry.CreateProxy<ICounterGrain>(s_id);

        var reference = Assert.IsAssignableFrom<GrainReference>(proxy);
        Assert.Equal(s_id, reference.GrainId);
    }

    [Fact]
    public async Task Task_of_T_call_sends_one_request_whose_Invoke_calls_the_grain_with_the_arguments()
    {
        var (proxy, invoker, target) = GeneratedRegistry.CreateProxy<ICounterGrain>(s_id);
        using var cancellation = new CancellationTokenSource();

        var result = await proxy.Add(21, cancellation.Token);

        Assert.Equal(42, result);
        var (sentTo, request) = Assert.Single(invoker.Calls);
        Assert.Same(proxy, sentTo);
        Assert.Equal(typeof(ICounterGrain), request.Descriptor.InterfaceType);
        Assert.Equal("Add", request.Descriptor.MethodName);
        Assert.False(request.Descriptor.AlwaysInterleave);
        Assert.Equal(["Add(21, canBeCanceled=True)"], target.Log);
    }

    [Fact]
    public async Task ValueTask_of_T_call_returns_the_grain_result_through_the_request()
    {
        var (proxy, invoker, target) = GeneratedRegistry.CreateProxy<ICounterGrain>(s_id);

        var result = await proxy.Describe("n");

        Assert.Equal("n:counter", result);
        Assert.IsAssignableFrom<GrainRequest<string>>(Assert.Single(invoker.Calls).Request);
        Assert.Equal(["Describe(n)"], target.Log);
    }

    [Fact]
    public async Task Void_Task_and_ValueTask_calls_send_void_requests()
    {
        var (proxy, invoker, target) = GeneratedRegistry.CreateProxy<ICounterGrain>(s_id);

        await proxy.Reset();
        await proxy.Touch();

        Assert.All(invoker.Calls, c => Assert.IsAssignableFrom<GrainVoidRequest>(c.Request));
        Assert.Equal(["Reset()", "Touch()"], target.Log);
    }

    [Fact]
    public async Task AlwaysInterleave_method_descriptor_carries_the_option_and_is_shared_across_calls()
    {
        var (proxy, invoker, _) = GeneratedRegistry.CreateProxy<ICounterGrain>(s_id);

        await proxy.Reset();
        await proxy.Reset();

        Assert.True(invoker.Calls[0].Request.Descriptor.AlwaysInterleave);
        Assert.Equal(GrainMethodOptions.AlwaysInterleave, invoker.Calls[0].Request.Descriptor.Options);
        Assert.Same(invoker.Calls[0].Request.Descriptor, invoker.Calls[1].Request.Descriptor);
        Assert.NotSame(invoker.Calls[0].Request, invoker.Calls[1].Request);
    }

    [Fact]
    public async Task Derived_proxy_dispatches_overloads_inherited_methods_and_ReceiveReminder()
    {
        var (proxy, invoker, target) = GeneratedRegistry.CreateProxy<INamedCounterGrain>(s_id);

        var byLabel = await proxy.Add("x", 5);
        var byAmount = await proxy.Add(5, CancellationToken.None);
        await proxy.ReceiveReminder("tick", new TickStatus(DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), DateTimeOffset.UnixEpoch));

        Assert.Equal((-5, 10), (byLabel, byAmount));
        Assert.Equal(["Add(x, 5)", "Add(5, canBeCanceled=False)", "ReceiveReminder(tick, 00:01:00)"], target.Log);
        Assert.Equal(
            [typeof(INamedCounterGrain), typeof(ICounterGrain), typeof(IRemindable)],
            invoker.Calls.Select(c => c.Request.Descriptor.InterfaceType));
    }
}

public sealed class InlineProxyBehaviourTests
{
    private static readonly GrainId s_id = new("CounterGrain", "c1");

    private static (T Proxy, InlineInvoker Invoker) CreateInlineProxy<T>(object target)
    {
        var invoker = new InlineInvoker(target);
        return ((T)(object)GeneratedRegistry.Load().Interfaces[typeof(T)](invoker, s_id), invoker);
    }

    [Fact]
    public async Task A_call_the_invoker_runs_inline_calls_the_grain_with_the_arguments_and_sends_no_request()
    {
        var target = new RecordingCounter();
        var (proxy, invoker) = CreateInlineProxy<INamedCounterGrain>(target);

        Assert.Equal(-5, await proxy.Add("x", 5));
        Assert.Equal("p:counter", await proxy.Describe("p"));
        await proxy.Reset();
        await proxy.Touch();

        Assert.Equal(["Add(x, 5)", "Describe(p)", "Reset()", "Touch()"], target.Log);
        Assert.Equal(
            [
                "begin INamedCounterGrain.Add", "end INamedCounterGrain.Add RanToCompletion",
                "begin ICounterGrain.Describe", "end ICounterGrain.Describe value task RanToCompletion",
                "begin ICounterGrain.Reset", "end ICounterGrain.Reset RanToCompletion",
                "begin ICounterGrain.Touch", "end ICounterGrain.Touch value task RanToCompletion",
            ],
            invoker.Log);
    }

    [Fact]
    public async Task A_grain_method_that_throws_inline_ends_the_call_with_a_faulted_task_of_its_type()
    {
        var (proxy, invoker) = CreateInlineProxy<ICounterGrain>(new ThrowingCounter());

        var add = proxy.Add(3, CancellationToken.None);
        var describe = proxy.Describe(null).AsTask();
        var reset = proxy.Reset();
        var touch = proxy.Touch().AsTask();

        Assert.Equal("add 3", (await Assert.ThrowsAsync<InvalidOperationException>(() => add)).Message);
        Assert.Equal("describe", (await Assert.ThrowsAsync<InvalidOperationException>(() => describe)).Message);
        Assert.Equal("reset", (await Assert.ThrowsAsync<InvalidOperationException>(() => reset)).Message);
        Assert.Equal("touch", (await Assert.ThrowsAsync<InvalidOperationException>(() => touch)).Message);
        Assert.Equal(4, invoker.Log.Count(line => line.EndsWith(" Faulted", StringComparison.Ordinal)));
    }
}
