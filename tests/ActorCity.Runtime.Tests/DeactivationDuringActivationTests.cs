using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Time;

namespace ActorCity.Runtime.Tests;

/// <summary>
/// DeactivateOnIdle called while a grain activates (Orleans allows it since 9.0): the activation finishes, deactivates
/// before serving a call, and the waiting call goes to the next activation; a grain that always refuses fails the call
/// after a bounded number of activations instead of passing it on for ever.
/// </summary>
public sealed class DeactivationDuringActivationTests
{
    private static Task<SiloHost> StartSilo(bool deterministic) =>
        SiloHost.StartAsync(b =>
        {
            b.AddGrains(typeof(DeactivationDuringActivationTests).Assembly);
            if (deterministic)
            {
                b.UseVirtualClock(new VirtualTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8)))).UseDeterministicScheduler();
            }
        });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_grain_that_deactivates_while_activating_serves_the_call_from_its_next_activation(bool deterministic)
    {
        await using var silo = await StartSilo(deterministic);
        var key = $"{Guid.NewGuid():N}-1";

        var served = await silo.GrainFactory.GetGrain<IRefusingGrain>(key).Serve();

        Assert.Equal(2, served);
        Assert.Equal(["activate 1", "deactivate:ApplicationRequested", "activate 2", "serve"], Journal.Of(key));
        Assert.Equal(3, await silo.GrainFactory.GetGrain<IRefusingGrain>(key).Serve() + 1);
        await AssertSettlesAsync(silo);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_grain_that_always_deactivates_while_activating_fails_the_call_after_three_activations(bool deterministic)
    {
        await using var silo = await StartSilo(deterministic);
        var key = $"{Guid.NewGuid():N}-always";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.GrainFactory.GetGrain<IRefusingGrain>(key).Serve());

        Assert.Contains("3 activations in a row deactivated before serving it", failure.Message);
        Assert.Contains("DeactivateOnIdle while activating", failure.Message);
        Assert.Equal(3, Journal.Of(key).Count(e => e.StartsWith("activate", StringComparison.Ordinal)));
        Assert.DoesNotContain("serve", Journal.Of(key));
        await AssertSettlesAsync(silo);
    }

    /// <summary>Every turn counted (the deactivation included) ends: the silo comes back to no outstanding work.</summary>
    private static async Task AssertSettlesAsync(SiloHost silo)
    {
        // On the thread pool the old activation's last turn may still be ending when the call returns.
        await silo.Silo.WaitForQuiescenceAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, silo.Silo.OutstandingWork);
    }
}
