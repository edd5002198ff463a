using System.Collections.Immutable;
using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using ActorCity.Runtime.Concurrency;
using ActorCity.Runtime.Storage;

namespace ActorCity.Grains;

/// <summary>Campaign grain state: settings and the registry of grids and departments (code → name).</summary>
[Immutable]
public sealed record CampaignState
{
    public CampaignSettings? Settings { get; init; }
    public ImmutableSortedDictionary<string, string> Grids { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
    public ImmutableSortedDictionary<string, string> Departments { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// Campaign headquarters grain (总指挥部). Indicators are read from the grid and department aggregates on request
/// rather than pushed here on every transition, so this single grain is never a bottleneck of the workflow.
/// </summary>
public sealed class CampaignGrain : Grain, ICampaignGrain
{
    private readonly IPersistentState<CampaignState> _state;

    public CampaignGrain([PersistentState("campaign")] IPersistentState<CampaignState> state) => _state = state;

    private CampaignState State => _state.State ?? new CampaignState();

    private string Id => this.GetPrimaryKeyString();

    public async Task<CampaignSettings> ConfigureAsync(CommandContext ctx, CampaignSettings settings)
    {
        RequireHeadquarters(ctx, "configure");
        var version = State.Settings?.Version ?? 0;
        var stored = settings with
        {
            CampaignId = Id,
            Categories = settings.Categories.IsDefaultOrEmpty ? DefaultCatalogue.Categories : settings.Categories,
            Standard = settings.Standard.Categories.IsDefaultOrEmpty ? DefaultCatalogue.Standard : settings.Standard,
            Version = version + 1,
        };
        CampaignRules.Validate(stored);
        _state.State = State with { Settings = stored };
        await _state.WriteStateAsync();
        return stored;
    }

    public async Task<CampaignSettings> MoveInspectionDateAsync(CommandContext ctx, DateTimeOffset inspectionDate)
    {
        RequireHeadquarters(ctx, "move-inspection-date");
        var settings = Settings();
        if (inspectionDate < settings.Start)
        {
            throw new DomainException(DomainErrors.InvalidSettings, "The inspection date cannot precede the campaign start.");
        }

        var moved = settings with { InspectionDate = inspectionDate, Version = settings.Version + 1 };
        _state.State = State with { Settings = moved };
        await _state.WriteStateAsync();
        return moved;
    }

    public async Task RegisterGridAsync(CommandContext ctx, GridSetup setup)
    {
        RequireHeadquarters(ctx, "register-grid");
        _ = Settings();
        await GrainFactory.GetGrain<IGridGrain>(GrainKeys.Grid(Id, setup.Code)).ConfigureAsync(ctx, setup);
        _state.State = State with { Grids = State.Grids.SetItem(setup.Code, setup.Name) };
        await _state.WriteStateAsync();
    }

    public async Task RegisterDepartmentAsync(CommandContext ctx, DepartmentSetup setup)
    {
        RequireHeadquarters(ctx, "register-department");
        _ = Settings();
        await GrainFactory.GetGrain<IDepartmentGrain>(GrainKeys.Department(Id, setup.Code)).ConfigureAsync(ctx, setup);
        _state.State = State with { Departments = State.Departments.SetItem(setup.Code, setup.Name) };
        await _state.WriteStateAsync();
    }

    public ValueTask<CampaignSettings> GetSettingsAsync() => ValueTask.FromResult(Settings());

    public Task<ImmutableArray<string>> GetGridCodesAsync() => Task.FromResult<ImmutableArray<string>>([.. State.Grids.Keys]);

    public Task<ImmutableArray<string>> GetDepartmentCodesAsync() => Task.FromResult<ImmutableArray<string>>([.. State.Departments.Keys]);

    public async Task<CampaignIndicators> GetIndicatorsAsync() => (await CollectAsync()).Indicators;

    public async Task<WeeklyNotice> GetWeeklyNoticeAsync(CommandContext ctx)
    {
        var settings = Settings();
        var (indicators, named) = await CollectAsync();
        var now = GrainContext.TimeProvider.GetUtcNow();
        var days = (int)Math.Ceiling((settings.InspectionDate - now).TotalDays);
        return new WeeklyNotice(Id, now, days, indicators, named);
    }

    private async Task<(CampaignIndicators Indicators, ImmutableArray<NoticedTask> Named)> CollectAsync()
    {
        var settings = Settings();
        var state = State;
        var gridStatuses = await Task.WhenAll(state.Grids.Keys.Select(code => GrainFactory.GetGrain<IGridGrain>(GrainKeys.Grid(Id, code)).GetStatusAsync()));
        var departmentStatuses = await Task.WhenAll(state.Departments.Keys.Select(code => GrainFactory.GetGrain<IDepartmentGrain>(GrainKeys.Department(Id, code)).GetStatusAsync()));
        var weights = settings.Weights;
        ImmutableArray<IndicatorRow> grids = [.. gridStatuses.Select(g => new IndicatorRow(g.Code, state.Grids[g.Code], g.Counters, Indicators.Of(g.Counters, weights)))];
        ImmutableArray<IndicatorRow> departments = [.. departmentStatuses.Select(d => new IndicatorRow(d.Code, state.Departments[d.Code], d.Counters, Indicators.Of(d.Counters, weights)))];
        var total = gridStatuses.Aggregate(TaskCounters.Zero, (sum, g) => Aggregation.Sum(sum, g.Counters));
        var campaign = new IndicatorRow(Id, settings.Name, total, Indicators.Of(total, weights));
        var indicators = new CampaignIndicators(
            GrainContext.TimeProvider.GetUtcNow(),
            campaign,
            grids,
            departments,
            Indicators.RedList(grids, settings.ListSize),
            Indicators.BlackList(grids, settings.ListSize),
            Indicators.RedList(departments, settings.ListSize),
            Indicators.BlackList(departments, settings.ListSize));
        ImmutableArray<NoticedTask> named = [.. gridStatuses.SelectMany(g => g.NamedTasks)];
        return (indicators, named);
    }

    private CampaignSettings Settings() =>
        State.Settings ?? throw new DomainException(DomainErrors.CampaignNotConfigured, $"Campaign '{Id}' has no settings yet: headquarters must configure it first.");

    private static void RequireHeadquarters(CommandContext ctx, string name)
    {
        if (string.IsNullOrWhiteSpace(ctx.CommandId))
        {
            throw new DomainException(DomainErrors.InvalidCommand, $"'{name}' needs a command id.");
        }

        if (ctx.Role != ActorRole.Headquarters)
        {
            throw new DomainException(DomainErrors.RoleNotAllowed, $"Only headquarters may '{name}' a campaign, not {ctx.Role} '{ctx.Scope}'.");
        }
    }
}
