using System.Collections.Immutable;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>How many checkpoints of one type the inspectors sample.</summary>
[Immutable]
public sealed record SampleQuota(string CheckpointType, int Count);

/// <summary>An inspection (测评) to run: mock (明察暗访) or final; sampling is deterministic from <see cref="Seed"/>.</summary>
[Immutable]
public sealed record InspectionPlan(string CampaignId, int Seed, ImmutableArray<SampleQuota> Quotas, bool Final = false);

/// <summary>A sampled checkpoint and what it cost.</summary>
[Immutable]
public sealed record SampledCheckpoint(string CheckpointId, string CheckpointType, string GridCode, int OpenProblems, double Deducted);

/// <summary>Score of one assessment category: its points less deductions, floored at zero.</summary>
[Immutable]
public sealed record CategoryScore(string Code, string Name, int MaxPoints, int Problems, double Deducted, double Score);

/// <summary>Inspection result, out of 1,000 points (千分制), pass or fail against the threshold.</summary>
[Immutable]
public sealed record InspectionResult(
    string InspectionId,
    DateTimeOffset At,
    int Seed,
    bool Final,
    double Score,
    double MaxScore,
    double PassThreshold,
    bool Passed,
    int ProblemsFound,
    ImmutableArray<CategoryScore> Categories,
    ImmutableArray<SampledCheckpoint> Sampled);
