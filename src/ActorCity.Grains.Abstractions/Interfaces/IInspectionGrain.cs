using ActorCity.Runtime;

namespace ActorCity.Grains;

/// <summary>Inspection (测评), keyed <see cref="GrainKeys.Inspection"/>: one run of sampling and scoring.</summary>
public interface IInspectionGrain : IGrainWithStringKey
{
    /// <summary>Samples checkpoints (seeded), deducts for open problems, scores out of 1,000. Headquarters. Runs once per key.</summary>
    Task<InspectionResult> RunAsync(CommandContext ctx, InspectionPlan plan);

    /// <summary>The result, or null if not run.</summary>
    Task<InspectionResult?> GetResultAsync();
}
