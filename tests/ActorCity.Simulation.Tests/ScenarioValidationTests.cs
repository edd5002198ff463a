using System.Text.Json.Nodes;
using ActorCity.Simulation.Scenarios;

namespace ActorCity.Simulation.Tests;

public sealed class ScenarioValidationTests
{
    private static JsonObject Baseline() => JsonNode.Parse(File.ReadAllText(TestScenarios.File("baseline.json")))!.AsObject();

    private static ScenarioException Invalid(JsonObject json)
        => Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json.ToJsonString(), TestScenarios.Directory, "test.json"));

    [Theory]
    [InlineData("baseline.json")]
    [InlineData("deadline-moved-up.json")]
    [InlineData("extra-crews.json")]
    [InlineData("slack-recurrence.json")]
    [InlineData("stress-100k.json")]
    public void Every_shipped_scenario_loads_and_validates(string file)
    {
        var loaded = ScenarioLoader.Load(TestScenarios.File(file));
        Assert.False(string.IsNullOrWhiteSpace(loaded.Scenario.Name));
        Assert.NotEmpty(loaded.Scenario.Categories);
    }

    [Fact]
    public void Share_out_of_range_names_the_category_index()
    {
        var json = Baseline();
        json["categories"]![3]!["share"] = 1.5;
        var error = Assert.Single(Invalid(json).Errors);
        Assert.StartsWith("categories[3].share: must be between 0 and 1", error);
    }

    [Fact]
    public void Unknown_property_is_an_error_naming_its_path()
    {
        var json = Baseline();
        json["categories"]![2]!["sharee"] = 0.1;
        Assert.Contains(Invalid(json).Errors, e => e.StartsWith("categories[2].sharee: unknown property", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_top_level_property_is_an_error()
    {
        var json = Baseline();
        json["inspectoin"] = new JsonObject();
        Assert.Contains(Invalid(json).Errors, e => e.StartsWith("inspectoin: unknown property", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_required_field_is_named()
    {
        var json = Baseline();
        json["inspection"]!.AsObject().Remove("passThreshold");
        Assert.Contains("inspection.passThreshold: required", Invalid(json).Errors);
    }

    [Fact]
    public void Wrong_json_kind_is_named_with_the_value()
    {
        var json = Baseline();
        json["departments"]![0]!["crews"] = "ten";
        Assert.Contains(Invalid(json).Errors, e => e.StartsWith("departments[0].crews: must be an integer", StringComparison.Ordinal) && e.Contains("\"ten\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Lead_department_must_be_a_known_department()
    {
        var json = Baseline();
        json["categories"]![0]!["leadDepartment"] = "不存在";
        Assert.Contains(Invalid(json).Errors, e => e.StartsWith("categories[0].leadDepartment: no department named '不存在'", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspection_before_campaign_start_is_rejected()
    {
        var json = Baseline();
        json["inspection"]!["date"] = "2026-05-01";
        Assert.Contains(Invalid(json).Errors, e => e.StartsWith("inspection.date: must be 1 to 1000 days after campaign.start", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var json = Baseline();
        json["categories"]![0]!["reworkProbability"] = -0.2;
        json["departments"]![1]!["crews"] = 0;
        json["escalation"]!["priorityEffect"] = "fastest";
        var errors = Invalid(json).Errors;
        Assert.Contains(errors, e => e.StartsWith("categories[0].reworkProbability:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("departments[1].crews:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("escalation.priorityEffect:", StringComparison.Ordinal));
    }

    [Fact]
    public void Extends_keeps_the_base_and_the_set_block_overrides_it()
    {
        var baseline = ScenarioLoader.Load(TestScenarios.File("baseline.json")).Scenario;
        var moved = ScenarioLoader.Load(TestScenarios.File("deadline-moved-up.json")).Scenario;
        Assert.Equal(new DateOnly(2026, 7, 21), moved.Inspection.Date);
        Assert.Equal(baseline.Inspection.Date.AddDays(-10), moved.Inspection.Date);
        Assert.Equal("deadline-moved-up", moved.Name);
        Assert.Equal(baseline.Departments.Select(d => d.Crews), moved.Departments.Select(d => d.Crews));
    }

    [Fact]
    public void Extends_cycle_is_reported()
    {
        var directory = Directory.CreateTempSubdirectory("actorcity-scenario");
        File.WriteAllText(Path.Combine(directory.FullName, "a.json"), "{\"extends\":\"b.json\"}");
        File.WriteAllText(Path.Combine(directory.FullName, "b.json"), "{\"extends\":\"a.json\"}");
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Path.Combine(directory.FullName, "a.json")));
        Assert.Contains(ex.Errors, e => e.Contains("extends: cycle", StringComparison.Ordinal));
    }
}
