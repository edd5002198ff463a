using ActorCity.Grains.Domain;
using ActorCity.Runtime;
using ActorCity.Runtime.Hosting;
using ActorCity.Runtime.Time;

namespace ActorCity.Grains.Tests.Runtime;

/// <summary>One silo for the runtime tests: virtual clock, deterministic scheduler, memory storage and reminders.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public VirtualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, China));

    public SiloHost Host { get; private set; } = null!;

    public IGrainFactory Grains => Host.GrainFactory;

    public async Task InitializeAsync() =>
        Host = await SiloHost.StartAsync(b => b
            .UseVirtualClock(Clock)
            .UseDeterministicScheduler()
            .AddMemoryGrainStorage()
            .UseInMemoryReminders()
            .AddGrains(typeof(TaskGrain).Assembly));

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Moves the shared clock to the next Monday 08:00 (China), so each test starts on a known working day.</summary>
    public async Task<DateTimeOffset> NextMondayAsync()
    {
        var now = Clock.Now.ToOffset(China);
        var days = ((int)DayOfWeek.Monday - (int)now.DayOfWeek + 7) % 7;
        var monday = new DateTimeOffset(now.Date, China).AddDays(days == 0 ? 7 : days).AddHours(8);
        await Clock.AdvanceToAsync(monday);
        return monday;
    }

    /// <summary>A campaign with the default catalogue, grids G1 and G2 (two markets, a back street each), and three departments.</summary>
    public async Task<ICampaignGrain> CampaignAsync(string id, int sanitationCrews = 1)
    {
        var campaign = Grains.GetGrain<ICampaignGrain>(id);
        var hq = CommandContext.Headquarters($"{id}-setup");
        await campaign.ConfigureAsync(hq, DefaultCatalogue.Settings(id, "创城 " + id, Clock.Now, Clock.Now.AddDays(60)));
        foreach (var grid in new[] { "G1", "G2" })
        {
            await campaign.RegisterGridAsync(hq, new GridSetup(grid, $"第{grid[1..]}网格", $"chief-{grid}", $"leader-{grid}")
            {
                Communities = ["泰安社区"],
                Checkpoints = [new($"{grid}-M1", "market"), new($"{grid}-M2", "market"), new($"{grid}-B1", "back-street")],
            });
        }

        await campaign.RegisterDepartmentAsync(hq, new DepartmentSetup(DefaultCatalogue.Sanitation, "环卫处", sanitationCrews));
        await campaign.RegisterDepartmentAsync(hq, new DepartmentSetup(DefaultCatalogue.Market, "市场监管局", 2));
        await campaign.RegisterDepartmentAsync(hq, new DepartmentSetup(DefaultCatalogue.UrbanManagement, "城管执法局", 2));
        return campaign;
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
