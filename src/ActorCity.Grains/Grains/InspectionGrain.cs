using System.Collections.Immutable;
using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using ActorCity.Runtime.Concurrency;
using ActorCity.Runtime.Storage;

namespace ActorCity.Grains;

/// <summary>Inspection grain state: the run's command id and result.</summary>
[Immutable]
public sealed record InspectionState
{
    public string CommandId { get; init; } = "";
    public InspectionResult? Result { get; init; }
}

/// <summary>Inspection grain (测评): one sampling-and-scoring run per key; a retry with the same command id returns the result.</summary>
public sealed class InspectionGrain : Grain, IInspectionGrain
{
    private readonly IPersistentState<InspectionState> _state;

    public InspectionGrain([PersistentState("inspection")] IPersistentState<InspectionState> state) => _state = state;

    public async Task<InspectionResult> RunAsync(CommandContext ctx, InspectionPlan plan)
    {
        var state = _state.State ?? new InspectionState();
        if (state.Result is { } done)
        {
            return state.CommandId == ctx.CommandId
                ? done
                : throw new DomainException(DomainErrors.InspectionAlreadyRun, $"Inspection '{this.GetPrimaryKeyString()}' already ran (command '{state.CommandId}'): use a new inspection key.");
        }

        if (string.IsNullOrWhiteSpace(ctx.CommandId) || ctx.Role != ActorRole.Headquarters)
        {
            throw new DomainException(DomainErrors.RoleNotAllowed, "Only headquarters may run an inspection, with a command id.");
        }

        var campaign = GrainFactory.GetGrain<ICampaignGrain>(plan.CampaignId);
        var settings = await campaign.GetSettingsAsync();
        var gridCodes = await campaign.GetGridCodesAsync();
        var views = await Task.WhenAll(gridCodes.Select(code => GrainFactory.GetGrain<IGridGrain>(GrainKeys.Grid(plan.CampaignId, code)).GetCheckpointsAsync()));
        ImmutableArray<CheckpointView> city = [.. views.SelectMany(v => v)];
        var sampled = InspectionScoring.Sample(plan, city);
        var result = InspectionScoring.Score(this.GetPrimaryKeyString(), GrainContext.TimeProvider.GetUtcNow(), plan, settings.Standard, sampled);
        _state.State = new InspectionState { CommandId = ctx.CommandId, Result = result };
        await _state.WriteStateAsync();
        return result;
    }

    public Task<InspectionResult?> GetResultAsync() => Task.FromResult(_state.State?.Result);
}
