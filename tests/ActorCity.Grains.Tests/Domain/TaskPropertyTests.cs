using ActorCity.Grains.Domain;
using FsCheck.Xunit;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>
/// Random command scripts against the task state machine. Each script byte triple is (command, actor, minutes to wait):
/// actors are headquarters, the task's grid, its lead department, or an outsider; a high command bit reuses the last command id.
/// </summary>
public sealed class TaskPropertyTests
{
    private const int Commands = 14;

    [Property(MaxTest = 400)]
    public void Random_scripts_never_reach_an_invalid_state_and_keep_the_ledger_gapless(byte[] script)
    {
        var t = Reported();
        var now = Monday;
        var lastId = "r-T-1";
        for (var i = 0; i + 2 < script.Length; i += 3)
        {
            now = now.AddMinutes(script[i + 2] * 7);
            var id = (script[i] & 0x80) != 0 ? lastId : $"c{i}";
            var before = t;
            try
            {
                var outcome = Step(t, script[i] % Commands, script[i + 1] % 4, id, now);
                if (outcome.Replayed)
                {
                    // A replay is answered from the ledger: the first result, nothing applied (the grain keeps the old record).
                    var first = before.Ledger.Single(e => e.CommandId == id);
                    Assert.Equal(first.Sequence, outcome.Result.Sequence);
                    Assert.Equal(first.To, outcome.Result.To);
                }
                else
                {
                    t = outcome.Record;
                }

                lastId = id;
            }
            catch (DomainException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Code));
                Assert.Same(before, t);
            }

            CheckInvariants(t);
        }
    }

    [Property(MaxTest = 150)]
    public void Aggregates_equal_the_sum_over_their_tasks_whatever_the_delivery_order(byte[] script, int shuffleSeed)
    {
        var tasks = new TaskRecord[4];
        for (var k = 0; k < tasks.Length; k++)
        {
            tasks[k] = Reported($"T-{k}", k % 2 == 0 ? "exposed-garbage" : "food-licence");
        }

        var changes = new List<TaskChange>();
        foreach (var t in tasks)
        {
            changes.Add(new TaskChange(Aggregation.FactsOf(t), []));
        }

        var now = Monday;
        for (var i = 0; i + 2 < script.Length; i += 3)
        {
            now = now.AddMinutes(script[i + 2] * 11);
            var k = script[i + 1] % tasks.Length;
            try
            {
                var outcome = Step(tasks[k], script[i] % Commands, script[i + 1] / 4 % 4, $"c{i}", now);
                Assert.False(outcome.Replayed);
                tasks[k] = outcome.Record;
                changes.Add(new TaskChange(Aggregation.FactsOf(outcome.Record), outcome.Notices));
            }
            catch (DomainException)
            {
            }
        }

        // Deliver every change, some twice, in a random order: versioned facts make the result order-free.
        var random = new Random(shuffleSeed);
        var deliveries = changes.Concat(changes.Where((_, n) => n % 3 == 0)).OrderBy(_ => random.Next()).ToList();
        var departments = new[] { DefaultCatalogue.Sanitation, DefaultCatalogue.Market, DefaultCatalogue.Housing }
            .Select(code => new DepartmentState { Code = code, Crews = 1, Configured = true })
            .ToArray();
        var grid = new GridState { Setup = new GridSetup("G15", "", "", "") };
        foreach (var change in deliveries)
        {
            GridBook.Apply(grid, change, "G15");
            foreach (var department in departments)
            {
                DepartmentBook.Apply(department, change);
            }
        }

        var expectedGrid = tasks.Aggregate(TaskCounters.Zero, (c, t) => Aggregation.Add(c, Aggregation.FactsOf(t), 1));
        Assert.Equal(expectedGrid, grid.Counters);
        foreach (var department in departments)
        {
            var mine = tasks.Where(t => t.LeadDepartment == department.Code).ToArray();
            Assert.Equal(mine.Aggregate(TaskCounters.Zero, (c, t) => Aggregation.Add(c, Aggregation.FactsOf(t), 1)), department.Counters);
            Assert.Equal(mine.Count(t => t.State == TaskState.InProgress), department.Busy);
            Assert.Equal(mine.Where(t => t.State == TaskState.Assigned).Select(t => t.TaskId).Order(StringComparer.Ordinal), department.Queue.Select(e => e.TaskId).Order(StringComparer.Ordinal));

            // Stored, only the facts are kept: what a reload derives from them equals what the changes built up.
            var reloaded = System.Text.Json.JsonSerializer.Deserialize<DepartmentState>(System.Text.Json.JsonSerializer.Serialize(department))!;
            Assert.Equal(department.Counters, reloaded.Counters);
            Assert.Equal(department.Busy, reloaded.Busy);
            Assert.Equal(department.SharedOpen, reloaded.SharedOpen);
            Assert.Equal(department.Queue.Select(e => e.TaskId), reloaded.Queue.Select(e => e.TaskId));
        }

        var reloadedGrid = System.Text.Json.JsonSerializer.Deserialize<GridState>(System.Text.Json.JsonSerializer.Serialize(grid))!;
        Assert.Equal(grid.Counters, reloadedGrid.Counters);
    }

    private static TaskOutcome Step(TaskRecord t, int command, int actor, string id, DateTimeOffset now)
    {
        var ctx = actor switch
        {
            0 => Hq(id),
            1 => Grid(id, t.GridCode),
            2 => Dept(id, t.LeadDepartment.Length == 0 ? DefaultCatalogue.Sanitation : t.LeadDepartment),
            _ => Dept(id, "OUTSIDER"),
        };
        return TaskMachine.Run(t, now, x => command switch
        {
            0 => TaskMachine.Assign(x, ctx, new AssignTask(), Rules, now),
            1 => TaskMachine.Start(x, ctx, now),
            2 => TaskMachine.Submit(x, ctx, new TaskNote(), now),
            3 => TaskMachine.Verify(x, ctx, new VerifyTask(true), now),
            4 => TaskMachine.Verify(x, ctx, new VerifyTask(false), now),
            5 => TaskMachine.Return(x, ctx, new TaskNote("wrong"), now),
            6 => TaskMachine.Extend(x, ctx, new ExtendTask(TimeLimit.Hours(2), "rain"), Rules, now),
            7 => TaskMachine.Park(x, ctx, new TaskNote(), Rules, now),
            8 => TaskMachine.Unpark(x, ctx, new TaskNote(), Rules, now),
            9 => TaskMachine.Cancel(x, ctx, new CancelTask(CancelReason.Duplicate), now),
            10 => TaskMachine.Reopen(x, ctx, new TaskNote(), Rules, now),
            11 => TaskMachine.Dispute(x, ctx, new TaskNote("market's"), now),
            12 => TaskMachine.Arbitrate(x, ctx, new ArbitrateTask(id.Length % 2 == 0 ? DefaultCatalogue.Market : DefaultCatalogue.Housing), Rules, now),
            _ => TaskMachine.Start(x, ctx, now),
        });
    }

    private static void CheckInvariants(TaskRecord t)
    {
        for (var i = 0; i < t.Ledger.Length; i++)
        {
            Assert.Equal(i + 1, t.Ledger[i].Sequence);
        }

        Assert.Equal(t.State, t.Ledger[^1].To);
        Assert.Equal(t.Ledger.Count(e => e.Command == "escalate"), t.EscalationCounts.Sum());
        switch (t.State)
        {
            case TaskState.Reported:
                Assert.Equal("", t.LeadDepartment);
                Assert.Null(t.Deadline);
                break;
            case TaskState.Assigned or TaskState.InProgress:
                Assert.NotEqual("", t.LeadDepartment);
                Assert.NotNull(t.Deadline);
                Assert.NotNull(t.Schedule);
                Assert.NotNull(t.DispatchedAt);
                break;
            case TaskState.Submitted:
                Assert.NotNull(t.FirstHandledAt);
                break;
            case TaskState.Closed:
                Assert.NotNull(t.ClosedAt);
                Assert.NotNull(t.FirstHandledAt);
                break;
            case TaskState.Cancelled:
                Assert.NotNull(t.CancelReason);
                break;
            case TaskState.Parked:
                Assert.Null(t.Schedule);
                Assert.True(t.ExcludedFromOnTime);
                break;
            case TaskState.Disputed:
                Assert.NotEqual("", t.LeadDepartment);
                break;
        }

        Assert.InRange(t.Escalation, EscalationLevel.None, EscalationLevel.Accountability);
        Assert.False(t.Escalation > EscalationLevel.None && t.Deadline is null && t.State is TaskState.Assigned or TaskState.InProgress);
    }
}
