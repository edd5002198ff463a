using ActorCity.Simulation.Engine;
using ActorCity.Simulation.Statistics;

namespace ActorCity.Simulation.Tests;

public sealed class StatsTests
{
    [Fact]
    public void Mean_and_t_interval_match_a_hand_computation()
    {
        // mean 5, s = sqrt(32/7) = 2.13809, t(0.975, 7) = 2.365, half width = 2.365 * 2.13809 / sqrt(8) = 1.78777
        var e = Stats.MeanCi([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5, e.Mean, 10);
        Assert.Equal(2.13809, e.StandardDeviation, 4);
        Assert.Equal(3.21223, e.Low, 4);
        Assert.Equal(6.78777, e.High, 4);
        Assert.Equal(8, e.N);
    }

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(7, 2.365)]
    [InlineData(30, 2.042)]
    [InlineData(60, 2.0003)]
    [InlineData(120, 1.9799)]
    public void T_quantiles_match_the_table(int df, double expected) => Assert.Equal(expected, Stats.TQuantile975(df), 3);

    [Fact]
    public void Paired_difference_matches_a_hand_computation_and_is_beyond_noise()
    {
        // d = [2, 3, 1, 3]: mean 2.25, s = 0.957427, t(3) = 3.182, half width = 1.52327
        var p = Stats.Paired([10, 12, 11, 13], [12, 15, 12, 16]);
        Assert.Equal(2.25, p.Difference.Mean, 10);
        Assert.Equal(0.72673, p.Difference.Low, 4);
        Assert.Equal(3.77327, p.Difference.High, 4);
        Assert.True(p.Significant);
    }

    [Fact]
    public void Paired_difference_within_noise_is_not_significant()
    {
        var p = Stats.Paired([10, 10, 10, 10], [11, 9, 12, 8]);
        Assert.Equal(0, p.Difference.Mean, 10);
        Assert.False(p.Significant);
    }

    [Fact]
    public void Wilson_interval_matches_hand_computation()
    {
        var none = Stats.Proportion(0, 10);
        Assert.Equal(0, none.Low, 6);
        Assert.Equal(0.27753, none.High, 4);
        var half = Stats.Proportion(5, 10);
        Assert.Equal(0.23659, half.Low, 4);
        Assert.Equal(0.76341, half.High, 4);
    }

    [Fact]
    public void One_replication_has_a_zero_width_interval()
    {
        var e = Stats.MeanCi([42]);
        Assert.Equal((42.0, 42.0, 42.0), (e.Mean, e.Low, e.High));
    }

    [Fact]
    public void Replication_seeds_are_distinct_non_negative_and_pinned()
    {
        var seeds = Enumerable.Range(0, 1000).Select(i => Seeds.ForReplication(20260601, i)).ToList();
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.True(s >= 0));
        Assert.Equal(Seeds.Derive(20260601, 1000), seeds[0]);
        Assert.NotEqual(Seeds.ForReplication(1, 0), Seeds.ForReplication(2, 0));
    }
}
