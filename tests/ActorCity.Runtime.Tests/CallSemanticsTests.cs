namespace ActorCity.Runtime.Tests;

[Collection(SiloCollection.Name)]
public sealed class CallSemanticsTests(SiloFixture silo)
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_thousand_concurrent_first_calls_create_a_single_activation()
    {
        ActivationProbeGrain.Reset();
        var key = NewKey();
        var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return silo.Grains.GetGrain<IActivationProbeGrain>(key).Touch();
        })).ToArray();
        start.Set();
        await Task.WhenAll(calls);

        Assert.Equal(1, ActivationProbeGrain.Constructed);
    }

    [Fact]
    public async Task Ten_thousand_concurrent_increments_end_at_exactly_ten_thousand()
    {
        var counter = silo.Grains.GetGrain<ICounterGrain>(NewKey());
        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => Task.Run(() => counter.Increment())));

        Assert.Equal(10_000, await counter.Get());
    }

    [Fact]
    public async Task Increments_that_await_between_read_and_write_are_not_lost()
    {
        var counter = silo.Grains.GetGrain<ICounterGrain>(NewKey());
        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => Task.Run(() => counter.IncrementWithAwait())));

        Assert.Equal(10_000, await counter.Get());
    }

    [Fact]
    public async Task A_reentrant_grain_lets_a_second_call_in_while_the_first_awaits()
    {
        var gate = NewKey();
        var grain = silo.Grains.GetGrain<IGateGrain>(NewKey());
        var first = grain.EnterAndWait(gate);
        var second = grain.EnterAndWait(gate);
        await WaitUntil(() => Gates.EnteredCount(gate) == 2);
        Gates.Get(gate).SetResult();

        var seen = await Task.WhenAll(first, second);
        Assert.Equal([1, 2], seen.Order().ToArray());
    }

    [Fact]
    public async Task A_non_reentrant_grain_holds_a_second_call_until_the_first_finishes()
    {
        var gate = NewKey();
        var grain = silo.Grains.GetGrain<ISerialGateGrain>(NewKey());
        var first = grain.EnterAndWait(gate);
        var second = grain.EnterAndWait(gate);
        await WaitUntil(() => Gates.EnteredCount(gate) == 1);
        await Task.Delay(50);
        Assert.Equal(1, Gates.EnteredCount(gate));
        Gates.Get(gate).SetResult();

        var seen = await Task.WhenAll(first, second);
        Assert.Equal([1, 1], seen);
    }

    [Fact]
    public async Task An_exception_thrown_synchronously_reaches_the_caller_with_its_type_and_message()
    {
        var grain = silo.Grains.GetGrain<IFailingGrain>(NewKey());

        var thrown = await Assert.ThrowsAsync<GrainRuleException>(() => grain.ThrowSynchronously("deadline passed"));
        Assert.Equal("deadline passed", thrown.Message);
    }

    [Fact]
    public async Task An_exception_thrown_after_an_await_reaches_the_caller_with_its_type_and_message()
    {
        var grain = silo.Grains.GetGrain<IFailingGrain>(NewKey());

        var thrown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.ThrowAfterAwait("crew count"));
        Assert.Contains("crew count", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_outlives_the_response_timeout_fails_with_TimeoutException()
    {
        await using var shortTimeout = await Hosting.SiloHost.StartAsync(b => b
            .Configure(o =>
            {
                o.ResponseTimeout = TimeSpan.FromMilliseconds(300);
                o.DeactivationTimeout = TimeSpan.FromMilliseconds(300);
            })
            .AddGrains(typeof(CallSemanticsTests).Assembly));
        var grain = shortTimeout.GrainFactory.GetGrain<IFailingGrain>(NewKey());

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => grain.Hang());
        Assert.Contains("Hang", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_awaits_for_less_than_the_timeout_is_not_timed_out()
    {
        var gate = NewKey();
        var grain = silo.Grains.GetGrain<ISerialGateGrain>(NewKey());
        var call = grain.EnterAndWait(gate);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Gates.Get(gate).SetResult();

        Assert.Equal(1, await call);
    }

    [Fact]
    public async Task A_stateless_worker_adds_activations_while_all_are_busy_up_to_its_limit()
    {
        var gate = NewKey();
        var before = WorkerGrain.Constructed;
        var worker = silo.Grains.GetGrain<IWorkerGrain>(NewKey());
        var calls = Enumerable.Range(0, 4).Select(_ => worker.Work(gate)).ToArray();
        await WaitUntil(() => Gates.EnteredCount(gate) == 2);
        Gates.Get(gate).SetResult();
        var instances = await Task.WhenAll(calls);

        Assert.Equal(2, WorkerGrain.Constructed - before);
        Assert.Equal(2, instances.Distinct().Count());
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(5);
        }
    }
}
