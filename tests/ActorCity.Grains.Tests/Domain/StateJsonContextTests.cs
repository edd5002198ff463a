using System.Collections.Immutable;
using System.Text.Json;
using ActorCity.Grains.Domain;
using ActorCity.Persistence.AdoNet;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>
/// Database storage writes grain states by reflection (<see cref="GrainStateJson.DefaultOptions"/>) on the JIT runtime
/// and from <see cref="GrainStateJsonContext"/> in the native build: both must write the same JSON and read each
/// other's, so one database serves either.
/// </summary>
public sealed class StateJsonContextTests
{
    private static readonly JsonSerializerOptions s_generated = GrainStateJson.For(GrainStateJsonContext.Default);

    [Fact]
    public void A_task_with_ledger_schedule_and_escalation_is_written_alike_and_read_back_both_ways()
    {
        var json = AssertAlike(new LiveTask(TaskMachine.Escalate(Assigned(), At(3, 4, 15, 0)).Record));

        // Enums as names, camelCase properties: the shape GrainStateJson documents.
        Assert.Contains("\"state\":\"Assigned\"", json, StringComparison.Ordinal);
        Assert.Contains("\"escalation\":\"PublicNotice\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_and_department_states_with_facts_and_notices_are_written_alike_and_read_back_both_ways()
    {
        var grid = new GridState { Setup = new GridSetup("G15", "网格十五", "chief", "leader") };
        var department = new DepartmentState { Code = DefaultCatalogue.Sanitation, Crews = 2, Configured = true };
        foreach (var id in new[] { "T-2", "T-1" })
        {
            var (escalated, notices) = TaskMachine.Escalate(Assigned(id), At(3, 4, 15, 0));
            var change = new TaskChange(Aggregation.FactsOf(escalated), notices);
            GridBook.Apply(grid, change, "G15");
            DepartmentBook.Apply(department, change);
        }

        Assert.NotEmpty(grid.RecentNotices);
        AssertAlike(grid);
        AssertAlike(department);
    }

    [Fact]
    public void Campaign_and_inspection_states_are_written_alike_and_read_back_both_ways()
    {
        AssertAlike(new CampaignState
        {
            Settings = Settings,
            Grids = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("G15", "网格十五"),
            Departments = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add(DefaultCatalogue.Sanitation, "环卫"),
        });

        CheckpointView[] city = [new(new Checkpoint("M1", "market"), "G15", [new OpenProblem("T-1", "exposed-garbage", "A")])];
        var plan = new InspectionPlan("C1", 7, []);
        var standard = new AssessmentStandard([new("A", "市容环境卫生", 600, 10)], 500);
        var result = InspectionScoring.Score("I-1", Monday, plan, standard, InspectionScoring.Sample(plan, [.. city]));
        AssertAlike(new InspectionState { CommandId = "inspect-1", Result = result });
    }

    private static string AssertAlike<T>(T state)
    {
        var byReflection = JsonSerializer.Serialize(state, GrainStateJson.DefaultOptions);
        var generated = JsonSerializer.Serialize(state, s_generated);
        Assert.Equal(byReflection, generated);

        // Each reads what the other wrote, and writes it again unchanged.
        Assert.Equal(byReflection, JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(generated, GrainStateJson.DefaultOptions), GrainStateJson.DefaultOptions));
        Assert.Equal(generated, JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(byReflection, s_generated), s_generated));
        return byReflection;
    }
}
