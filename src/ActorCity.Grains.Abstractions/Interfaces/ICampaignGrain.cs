using System.Collections.Immutable;
using ActorCity.Runtime;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Grains;

/// <summary>
/// Campaign headquarters (总指挥部), keyed by campaign id: settings, the registry of grids and departments, and
/// indicators computed from their aggregates on request.
/// </summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Set or replace the settings (the catalogue defaults to <c>DefaultCatalogue</c> when empty). Headquarters.</summary>
    Task<CampaignSettings> ConfigureAsync(CommandContext ctx, CampaignSettings settings);

    /// <summary>Move the inspection date (迎检时间调整). Headquarters.</summary>
    Task<CampaignSettings> MoveInspectionDateAsync(CommandContext ctx, DateTimeOffset inspectionDate);

    /// <summary>Register and configure a grid. Headquarters.</summary>
    Task RegisterGridAsync(CommandContext ctx, GridSetup setup);

    /// <summary>Register and configure a department. Headquarters.</summary>
    Task RegisterDepartmentAsync(CommandContext ctx, DepartmentSetup setup);

    /// <summary>The settings; throws campaign.not-configured before <see cref="ConfigureAsync"/>.</summary>
    [AlwaysInterleave]
    ValueTask<CampaignSettings> GetSettingsAsync();

    [AlwaysInterleave]
    Task<ImmutableArray<string>> GetGridCodesAsync();

    [AlwaysInterleave]
    Task<ImmutableArray<string>> GetDepartmentCodesAsync();

    /// <summary>Indicators per grid, department and campaign with red and black lists (sums of the aggregates).</summary>
    Task<CampaignIndicators> GetIndicatorsAsync();

    /// <summary>The weekly notice (周通报) as of now. Any role.</summary>
    Task<WeeklyNotice> GetWeeklyNoticeAsync(CommandContext ctx);
}
