using ActorCity.Simulation.Engine;
using ActorCity.Simulation.Running;
using ActorCity.Simulation.Scenarios;

namespace ActorCity.Simulation.Tests;

/// <summary>The shipped scenarios (copied next to the tests) and a small, fast variant of the baseline.</summary>
internal static class TestScenarios
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "scenarios");

    public static string File(string name) => Path.Combine(Directory, name);

    public static readonly string[] SmallOverrides =
    [
        "city.grids=4",
        "discovery.patrolArrivalsPerDay=14",
        "discovery.citizenReportsPerDay=2",
        "discovery.initialBacklog=120",
        "discovery.mockInspections.checkpointsVisited=6",
        "departments[*].crews=1",
        "inspection.date=2026-06-21",
        "inspection.sample.backStreet=6",
        "inspection.sample.residentialCompound=4",
        "inspection.sample.oldResidentialCompound=4",
        "inspection.sample.market=2",
        "inspection.sample.mainRoad=2",
        "inspection.sample.commercialStreet=2",
        "inspection.sample.outdoorPublicToilet=2",
        "inspection.sample.school=2",
        "inspection.sample.busStop=2",
        "inspection.sample.community=2",
        "inspection.sample.constructionSite=2",
        "inspection.sample.hospital=2",
        "inspection.passThreshold=915",
        "replications.count=3",
    ];

    /// <summary>Baseline shrunk to 4 grids, one crew per department and 20 days: a few hundred workflows.</summary>
    public static LoadedScenario Small(params string[] extra) => ScenarioLoader.Load(File("baseline.json"), [.. SmallOverrides, .. extra]);

    public static SimulateOptions SmallOptions(int parallel = 1, params string[] extra) => new()
    {
        ScenarioFile = File("baseline.json"),
        Sets = [.. SmallOverrides, .. extra],
        Parallel = parallel,
        Seed = 7,
        Replications = 3,
    };

    /// <summary>Runs <paramref name="replications"/> seeds of a scenario on an engine and returns the results in order.</summary>
    public static async Task<IReadOnlyList<ReplicationResult>> RunAsync(LoadedScenario scenario, IReplicationEngine engine, int seed, int replications, int parallel = 2)
    {
        var plan = new SimulationPlan(scenario.Scenario, seed);
        var run = await ReplicationRunner.RunAsync(plan, engine, seed, replications, parallel, new RunProgress("test", replications), CancellationToken.None);
        return run.Results;
    }
}
