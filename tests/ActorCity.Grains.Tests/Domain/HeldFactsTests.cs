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

    [Fact]
    public void A_change_naming_its_row_updates_that_copy_and_a_wrong_or_stale_row_is_found_by_task_id()
    {
        var grid = new GridState();
        var one = Assigned(taskId: "T-1");
        var two = Assigned(taskId: "T-2");
        GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(one), []), "G15", out var rowOne);
        GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(two), []), "G15", out var rowTwo);
        Assert.Equal([1, 2], new[] { rowOne, rowTwo });

        var oneStarted = TaskMachine.Start(one, Dept("s1"), Monday).Record;
        Assert.True(GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(oneStarted), []) { Row = rowOne }, "G15", out var again));
        Assert.Equal(rowOne, again);

        // Another task's row, or one past the end, still reaches the right task: the row is only a hint.
        var twoStarted = TaskMachine.Start(two, Dept("s2"), Monday).Record;
        Assert.True(GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(twoStarted), []) { Row = rowOne }, "G15", out var found));
        Assert.Equal(rowTwo, found);
        Assert.False(GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(twoStarted), []) { Row = 99 }, "G15", out found));
        Assert.Equal(rowTwo, found);

        Assert.Equal(TaskState.InProgress, grid.Tasks["T-1"].State);
        Assert.Equal(TaskState.InProgress, grid.Tasks["T-2"].State);
        Assert.Equal(2, grid.Counters.InProgress);
        Assert.Equal(0, grid.Counters.Assigned);
    }

    [Fact]
    public void Rows_are_not_stored_and_a_loaded_department_gives_new_ones_that_keep_its_counts_and_queue()
    {
        var department = new DepartmentState { Code = DefaultCatalogue.Sanitation, Crews = 2, Configured = true };
        var tasks = Enumerable.Range(1, 3).Select(i => Assigned(taskId: $"T-{i}")).ToArray();
        var rows = tasks.Select(t =>
        {
            DepartmentBook.Apply(department, new TaskChange(Aggregation.FactsOf(t), []), out var row);
            return row;
        }).ToArray();

        var json = JsonSerializer.Serialize(department);
        Assert.DoesNotContain("\"Row\"", json, StringComparison.Ordinal);
        var loaded = JsonSerializer.Deserialize<DepartmentState>(json)!;
        Assert.Equal(0, loaded.Rows.Count);

        // The task still names its row from before the load; the loaded department finds it by id and answers anew.
        var started = TaskMachine.Start(tasks[2], Dept("s3"), Monday).Record;
        Assert.True(DepartmentBook.Apply(loaded, new TaskChange(Aggregation.FactsOf(started), []) { Row = rows[2] }, out var row));
        Assert.Equal(1, row);
        Assert.Same(loaded.Tasks["T-3"], loaded.Rows.At(row, "T-3"));
        Assert.Null(loaded.Rows.At(row, "T-1"));
        Assert.Equal(1, loaded.Busy);
        Assert.Equal(["T-1", "T-2"], loaded.Queue.Select(e => e.TaskId));
    }

    [Fact]
    public void A_row_named_after_the_dictionary_was_replaced_reaches_the_copy_the_new_dictionary_holds()
    {
        var grid = new GridState();
        var assigned = Assigned();
        GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(assigned), []), "G15", out var row);
        var old = grid.Tasks["T-1"];

        // As when the state is read back: a new dictionary with its own copies.
        var replacement = HeldFacts.Of(Aggregation.FactsOf(assigned));
        grid.Tasks = new Dictionary<string, HeldFacts>(StringComparer.Ordinal) { ["T-1"] = replacement };
        var started = TaskMachine.Start(assigned, Dept("s"), Monday).Record;
        Assert.True(GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(started), []) { Row = row }, "G15", out _));

        Assert.Equal(TaskState.InProgress, replacement.State);
        Assert.Equal(TaskState.Assigned, old.State);
        Assert.Same(replacement, grid.Rows.At(replacement.Row, "T-1"));
    }
}
