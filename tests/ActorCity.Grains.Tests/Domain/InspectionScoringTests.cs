using System.Collections.Immutable;
using ActorCity.Grains.Domain;

namespace ActorCity.Grains.Tests.Domain;

public sealed class InspectionScoringTests
{
    private static readonly AssessmentStandard s_standard = new([new("A", "市容环境卫生", 600, 10), new("B", "病媒生物预防控制", 400, 50)], 500);

    private static CheckpointView View(string id, string type, params string[] categories) =>
        new(new Checkpoint(id, type), "G1", [.. categories.Select((c, i) => new OpenProblem($"{id}-{i}", "x", c))]);

    private static readonly ImmutableArray<CheckpointView> s_city =
    [
        View("M1", "market", "A", "A"),
        View("M2", "market", "B"),
        View("M3", "market"),
        View("S1", "back-street", "B", "B", "B", "B", "B", "B", "B", "B", "B", "B"),
        View("S2", "back-street", "Z"),
    ];

    [Fact]
    public void Deductions_per_category_are_floored_at_zero_on_a_hand_computed_city()
    {
        var plan = new InspectionPlan("C1", 1, []);
        var r = InspectionScoring.Score("I", DateTimeOffset.UnixEpoch, plan, s_standard, InspectionScoring.Sample(plan, s_city));
        // A: 600 − 2×10 = 580. B: 400 − 11×50 → 0. Z is not in the standard: found, no deduction.
        Assert.Equal(580, r.Score);
        Assert.Equal(1000, r.MaxScore);
        Assert.True(r.Passed);
        Assert.Equal(14, r.ProblemsFound);
        Assert.Equal([580.0, 0.0], r.Categories.Select(c => c.Score));
        Assert.Equal(550, r.Categories[1].Deducted);
    }

    [Fact]
    public void Below_the_threshold_fails()
    {
        var plan = new InspectionPlan("C1", 1, []);
        var strict = s_standard with { PassThreshold = 581 };
        Assert.False(InspectionScoring.Score("I", DateTimeOffset.UnixEpoch, plan, strict, InspectionScoring.Sample(plan, s_city)).Passed);
    }

    [Fact]
    public void Sampling_takes_the_quota_of_each_type_and_is_the_same_for_the_same_seed()
    {
        var plan = new InspectionPlan("C1", 42, [new SampleQuota("market", 2), new SampleQuota("back-street", 1)]);
        var first = InspectionScoring.Sample(plan, s_city);
        var again = InspectionScoring.Sample(plan, [.. s_city.Reverse()]);
        Assert.Equal(3, first.Length);
        Assert.Equal(2, first.Count(v => v.Checkpoint.Type == "market"));
        Assert.Equal(first.Select(v => v.Checkpoint.Id), again.Select(v => v.Checkpoint.Id));
    }

    [Fact]
    public void Different_seeds_sample_different_checkpoints()
    {
        var samples = Enumerable.Range(0, 20)
            .Select(seed => string.Join(",", InspectionScoring.Sample(new InspectionPlan("C1", seed, [new SampleQuota("market", 1)]), s_city).Select(v => v.Checkpoint.Id)))
            .Distinct()
            .Count();
        Assert.True(samples > 1);
    }

    [Fact]
    public void A_quota_larger_than_the_type_takes_them_all()
    {
        var plan = new InspectionPlan("C1", 7, [new SampleQuota("back-street", 9)]);
        Assert.Equal(["S1", "S2"], InspectionScoring.Sample(plan, s_city).Select(v => v.Checkpoint.Id).Order());
    }

    [Fact]
    public void The_default_standard_has_eight_categories_worth_one_thousand_points()
    {
        Assert.Equal(8, DefaultCatalogue.Standard.Categories.Length);
        Assert.Equal(1000, DefaultCatalogue.Standard.Categories.Sum(c => c.Points));
        Assert.All(DefaultCatalogue.Categories, c => Assert.Contains(DefaultCatalogue.Standard.Categories, s => s.Code == c.AssessmentCategory));
    }
}
