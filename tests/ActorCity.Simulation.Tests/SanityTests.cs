using ActorCity.Simulation.Engine;
using ActorCity.Simulation.Statistics;

namespace ActorCity.Simulation.Tests;

/// <summary>Properties in expectation, tested as statistics over several seeds (paired: both variants see the same seeds).</summary>
public sealed class SanityTests
{
    private const int Seeds = 12;

    [Fact]
    public async Task More_crews_do_not_lower_the_on_time_closed_rate_on_grains()
    {
        var few = await TestScenarios.RunAsync(TestScenarios.Small(), new GrainEngine(), seed: 3, Seeds);
        var more = await TestScenarios.RunAsync(TestScenarios.Small("departments[*].crews=3"), new GrainEngine(), seed: 3, Seeds);
        var diff = Stats.Paired(few.Select(r => r.OnTimeClosedRate).ToList(), more.Select(r => r.OnTimeClosedRate).ToList()).Difference;
        Assert.True(diff.Mean >= 0, $"more crews lowered the on-time closed rate by {-diff.Mean:P2} on average");
        Assert.True(diff.Low > 0, $"three times the crews should raise the on-time closed rate beyond noise; CI {diff.Low:P2}..{diff.High:P2}");
    }

    [Fact]
    public async Task An_earlier_inspection_does_not_raise_the_pass_probability_on_grains()
    {
        var onTime = await TestScenarios.RunAsync(TestScenarios.Small(), new GrainEngine(), seed: 5, Seeds);
        var earlier = await TestScenarios.RunAsync(TestScenarios.Small("inspection.date=2026-06-11"), new GrainEngine(), seed: 5, Seeds);
        var passLater = onTime.Count(r => r.Passed);
        var passEarlier = earlier.Count(r => r.Passed);
        Assert.True(passLater > 0 && passLater < Seeds, $"the small scenario's threshold should split the seeds; the later inspection passed {passLater} of {Seeds}");
        Assert.True(passEarlier <= passLater, $"the earlier inspection passed {passEarlier} of {Seeds} seeds, the later one {passLater}");
        var score = Stats.Paired(onTime.Select(r => r.Score).ToList(), earlier.Select(r => r.Score).ToList()).Difference;
        Assert.True(score.Mean <= 0, $"the earlier inspection scored {score.Mean:0.0} points more on average");
    }
}
