using ActorCity.Cli.Commands;
using ActorCity.Simulation.Running;
using ActorCity.Simulation.Scenarios;
using Spectre.Console;

namespace ActorCity.Simulation.Tests;

public sealed class OverrideTests
{
    private static Scenario Load(params string[] sets) => ScenarioLoader.Load(TestScenarios.File("baseline.json"), sets).Scenario;

    private static IReadOnlyList<string> Errors(params string[] sets)
        => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(TestScenarios.File("baseline.json"), sets)).Errors;

    [Fact]
    public void Set_by_department_name_changes_only_that_department()
    {
        var before = Load();
        var after = Load("departments[城管].crews=20");
        Assert.Equal(20, after.Departments.Single(d => d.Name == "城管").Crews);
        Assert.Equal(
            before.Departments.Where(d => d.Name != "城管").Select(d => d.Crews),
            after.Departments.Where(d => d.Name != "城管").Select(d => d.Crews));
    }

    [Fact]
    public void Set_with_wildcard_changes_every_category()
    {
        var after = Load("categories[*].reworkProbability=0.1");
        Assert.All(after.Categories, c => Assert.Equal(0.1, c.ReworkProbability));
    }

    [Fact]
    public void Set_by_index_and_nested_fields()
    {
        var after = Load("categories[3].timeLimit.amount=9", "inspection.sample.market=3");
        Assert.Equal(9, after.Categories[3].TimeLimit.Amount);
        Assert.Equal(3, after.Inspection.Sample["market"]);
    }

    [Fact]
    public void Set_value_that_is_not_json_is_taken_as_a_string()
    {
        Assert.Equal(new DateOnly(2026, 7, 20), Load("inspection.date=2026-07-20").Inspection.Date);
    }

    [Fact]
    public void Unknown_property_in_a_set_path_is_named()
    {
        var error = Assert.Single(Errors("departments[城管].crewz=12"));
        Assert.StartsWith("--set departments[城管].crewz=12: departments[0].crewz: no such property", error);
    }

    [Fact]
    public void Unknown_element_name_in_a_set_path_is_named()
    {
        var error = Assert.Single(Errors("departments[消防队].crews=12"));
        Assert.Contains("departments[消防队]: no element named '消防队'", error);
    }

    [Fact]
    public void Index_out_of_range_in_a_set_path_is_named()
    {
        Assert.Contains("categories[99]: index out of range", Assert.Single(Errors("categories[99].share=0.1")));
    }

    [Fact]
    public void Malformed_set_path_is_named()
    {
        Assert.Contains("unclosed '['", Assert.Single(Errors("departments[城管.crews=12")));
        Assert.Contains("expected path=value", Assert.Single(Errors("inspection.date")));
    }

    [Fact]
    public void Bad_value_through_set_fails_validation_with_the_field_path()
    {
        Assert.Contains(Errors("departments[城管].crews=0"), e => e.StartsWith("departments[0].crews: must be between 1 and 100000", StringComparison.Ordinal));
        Assert.Contains(Errors("inspection.date=soon"), e => e.StartsWith("inspection.date: must be a date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_with_a_bad_set_exits_2_and_runs_nothing()
    {
        var output = Path.Combine(Path.GetTempPath(), "actorcity-bad-set-" + Guid.NewGuid().ToString("N"));
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text) });
        var options = new SimulateOptions { ScenarioFile = TestScenarios.File("baseline.json"), Sets = ["departments[城管].crewz=12"] };
        var code = await SimulateCommand.RunAsync(options, output, quiet: true, console, CancellationToken.None);
        Assert.Equal(SimulateCommand.ExitBadInput, code);
        Assert.False(Directory.Exists(output));
        Assert.Empty(text.ToString());
    }

    [Fact]
    public async Task Simulate_with_a_missing_scenario_file_exits_2()
    {
        var options = new SimulateOptions { ScenarioFile = TestScenarios.File("no-such.json") };
        Assert.Equal(SimulateCommand.ExitBadInput, await SimulateCommand.RunAsync(options, null, quiet: true, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) }), CancellationToken.None));
    }

    [Fact]
    public void Bad_compare_set_is_named_and_prefixed()
    {
        var ex = Assert.Throws<ScenarioException>(() => Simulator.Prepare(new SimulateOptions
        {
            ScenarioFile = TestScenarios.File("baseline.json"),
            CompareSets = ["departments[城管].crews=-1"],
        }));
        Assert.Contains(ex.Errors, e => e.StartsWith("--compare-set: departments[0].crews:", StringComparison.Ordinal));
    }
}
