using System.Text.Json;
using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>Aggregates copy the facts they are sent into one object per task, overwritten in place and stored as the facts' JSON.</summary>
public sealed class HeldFactsTests
{
    [Fact]
    public void Held_facts_are_stored_as_the_json_of_the_facts_they_copy()
    {
        var t = TaskMachine.Assign(Reported(), Hq("a"), new AssignTask { CoDepartments = [DefaultCatalogue.Market] }, Rules, Monday).Record;
        var (escalated, _) = TaskMachine.Escalate(t, At(3, 2, 15, 0));
        var facts = Aggregation.FactsOf(escalated);

        var json = JsonSerializer.Serialize(HeldFacts.Of(facts));

        Assert.Equal(JsonSerializer.Serialize(facts), json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<HeldFacts>(json)));
        Assert.Equal(facts, JsonSerializer.Deserialize<TaskFacts>(json)! with { EscalationCounts = facts.EscalationCounts, CoDepartments = facts.CoDepartments });
    }

    [Fact]
    public void A_newer_change_overwrites_the_held_copy_in_place_and_an_older_one_leaves_it()
    {
        var assigned = Assigned();
        var started = TaskMachine.Start(assigned, Dept("s"), Monday).Record;
        var grid = new GridState();
        var department = new DepartmentState { Code = DefaultCatalogue.Sanitation, Crews = 1, Configured = true };
        GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(assigned), []), "G15");
        DepartmentBook.Apply(department, new TaskChange(Aggregation.FactsOf(assigned), []));
        var heldByGrid = grid.Tasks["T-1"];
        var heldByDepartment = department.Tasks["T-1"];

        Assert.True(GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(started), []), "G15"));
        Assert.True(DepartmentBook.Apply(department, new TaskChange(Aggregation.FactsOf(started), [])));
        Assert.False(GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(assigned), []), "G15"));

        Assert.Same(heldByGrid, grid.Tasks["T-1"]);
        Assert.Same(heldByDepartment, department.Tasks["T-1"]);
        Assert.Equal(TaskState.InProgress, heldByGrid.State);
        Assert.Equal(started.LastSequence, heldByDepartment.Sequence);
        Assert.Equal(1, grid.Counters.InProgress);
        Assert.Equal(0, grid.Counters.Assigned);
        Assert.Equal(1, department.Busy);
        Assert.Empty(department.Queue);
    }
}
