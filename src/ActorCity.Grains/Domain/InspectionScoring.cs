using System.Collections.Immutable;

namespace ActorCity.Grains.Domain;

/// <summary>
/// Inspection scoring (千分制): sample checkpoints per type with a seeded shuffle, deduct each category's points per open
/// problem found at a sampled checkpoint, floor each category at zero, pass at the threshold.
/// </summary>
public static class InspectionScoring
{
    /// <summary>
    /// Samples in quota order from the checkpoints of each type ordered by (grid, id), one <see cref="Random"/> seeded
    /// with the plan's seed: same plan and city, same sample. No quotas: every checkpoint is inspected.
    /// </summary>
    public static ImmutableArray<CheckpointView> Sample(InspectionPlan plan, ImmutableArray<CheckpointView> city)
    {
        var ordered = city
            .OrderBy(v => v.GridCode, StringComparer.Ordinal)
            .ThenBy(v => v.Checkpoint.Id, StringComparer.Ordinal)
            .ToArray();
        if (plan.Quotas.IsDefaultOrEmpty)
        {
            return [.. ordered];
        }

        var random = new Random(plan.Seed);
        var sampled = ImmutableArray.CreateBuilder<CheckpointView>();
        foreach (var quota in plan.Quotas)
        {
            var candidates = ordered.Where(v => v.Checkpoint.Type == quota.CheckpointType).ToArray();
            var take = Math.Min(Math.Max(quota.Count, 0), candidates.Length);
            for (var i = 0; i < take; i++)
            {
                var j = random.Next(i, candidates.Length);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
                sampled.Add(candidates[i]);
            }
        }

        return sampled.ToImmutable();
    }

    public static InspectionResult Score(
        string inspectionId, DateTimeOffset at, InspectionPlan plan, AssessmentStandard standard, ImmutableArray<CheckpointView> sampled)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < standard.Categories.Length; i++)
        {
            index[standard.Categories[i].Code] = i;
        }

        var deducted = new double[standard.Categories.Length];
        var problems = new int[standard.Categories.Length];
        var found = 0;
        var rows = ImmutableArray.CreateBuilder<SampledCheckpoint>(sampled.Length);
        foreach (var view in sampled)
        {
            double here = 0;
            foreach (var problem in view.OpenProblems)
            {
                found++;
                if (index.TryGetValue(problem.AssessmentCategory, out var c))
                {
                    var d = standard.Categories[c].DeductionPerProblem;
                    deducted[c] += d;
                    problems[c]++;
                    here += d;
                }
            }

            rows.Add(new SampledCheckpoint(view.Checkpoint.Id, view.Checkpoint.Type, view.GridCode, view.OpenProblems.Length, here));
        }

        var categories = ImmutableArray.CreateBuilder<CategoryScore>(standard.Categories.Length);
        double score = 0;
        double max = 0;
        for (var i = 0; i < standard.Categories.Length; i++)
        {
            var category = standard.Categories[i];
            var categoryScore = Math.Max(0, category.Points - deducted[i]);
            score += categoryScore;
            max += category.Points;
            categories.Add(new CategoryScore(category.Code, category.Name, category.Points, problems[i], deducted[i], categoryScore));
        }

        return new InspectionResult(
            inspectionId, at, plan.Seed, plan.Final, score, max, standard.PassThreshold, score >= standard.PassThreshold, found,
            categories.MoveToImmutable(), rows.MoveToImmutable());
    }
}
