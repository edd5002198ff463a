using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

public sealed class AggregationTests
{
    private static DepartmentState Department(int crews) => new() { CampaignId = "C1", Code = DefaultCatalogue.Sanitation, Crews = crews, Configured = true };

    private static TaskChange Change(TaskRecord t) => new(Aggregation.FactsOf(t), []);

    [Fact]
    public void The_queue_puts_escalated_tasks_first_then_earlier_deadlines_then_task_ids()
    {
        var early = Assigned("T-3", at: At(3, 2, 8, 0));
        var late = Assigned("T-1", at: At(3, 2, 10, 0));
        var lateToo = Assigned("T-0", at: At(3, 2, 10, 0));
        var (escalated, _) = TaskMachine.Escalate(Assigned("T-2", at: At(3, 2, 10, 0)), At(3, 2, 16, 0));
        var d = Department(2);
        foreach (var t in new[] { late, escalated, early, lateToo })
        {
            DepartmentBook.Apply(d, Change(t));
        }

        Assert.Equal(["T-2", "T-3", "T-0", "T-1"], d.Queue.Select(e => e.TaskId));
    }

    [Fact]
    public void Without_escalation_priority_the_queue_is_by_deadline_then_task_id()
    {
        var early = Assigned("T-3", at: At(3, 2, 8, 0));
        var late = Assigned("T-1", at: At(3, 2, 10, 0));
        var (escalated, _) = TaskMachine.Escalate(Assigned("T-2", at: At(3, 2, 10, 0)), At(3, 2, 16, 0));
        var d = Department(2);
        DepartmentBook.SetEscalationFirst(d, escalationFirst: false);
        foreach (var t in new[] { late, escalated, early })
        {
            DepartmentBook.Apply(d, Change(t));
        }

        Assert.Equal(["T-3", "T-1", "T-2"], d.Queue.Select(e => e.TaskId));
        DepartmentBook.SetEscalationFirst(d, escalationFirst: true);
        Assert.Equal(["T-2", "T-3", "T-1"], d.Queue.Select(e => e.TaskId));
    }

    [Fact]
    public void A_co_department_counts_the_shared_task_while_it_is_open_but_never_queues_or_works_it()
    {
        var t = TaskMachine.Assign(Reported("T-9"), Hq("a-T-9"), new AssignTask { CoDepartments = [DefaultCatalogue.Market] }, Rules, Monday).Record;
        var market = new DepartmentState { CampaignId = "C1", Code = DefaultCatalogue.Market, Crews = 1, Configured = true };

        DepartmentBook.Apply(market, Change(t));
        Assert.Equal(1, market.SharedOpen);
        Assert.Empty(market.Queue);
        Assert.Equal(0, market.Counters.Total);

        t = TaskMachine.Start(t, Dept("s"), Monday).Record;
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote(), Monday).Record;
        t = TaskMachine.Verify(t, Grid("v"), new VerifyTask(true), Monday).Record;
        DepartmentBook.Apply(market, Change(t));
        Assert.Equal(TaskState.Closed, t.State);
        Assert.Equal(0, market.SharedOpen);
        Assert.Equal(0, market.Busy);
    }

    [Fact]
    public void Starting_a_task_moves_it_from_the_queue_to_a_busy_crew_and_submitting_frees_the_crew()
    {
        var t = Assigned();
        var d = Department(1);
        DepartmentBook.Apply(d, Change(t));
        Assert.True(DepartmentBook.HasFreeCrew(d));
        t = TaskMachine.Start(t, Dept("s"), Monday).Record;
        DepartmentBook.Apply(d, Change(t));
        Assert.Empty(d.Queue);
        Assert.Equal(1, d.Busy);
        Assert.False(DepartmentBook.HasFreeCrew(d));
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote(), Monday).Record;
        DepartmentBook.Apply(d, Change(t));
        Assert.Equal(0, d.Busy);
    }

    [Fact]
    public void A_late_notification_older_than_the_one_held_changes_nothing()
    {
        var assigned = Assigned();
        var started = TaskMachine.Start(assigned, Dept("s"), Monday).Record;
        var d = Department(1);
        Assert.True(DepartmentBook.Apply(d, Change(started)));
        var counters = d.Counters;

        Assert.False(DepartmentBook.Apply(d, Change(assigned)));
        Assert.False(DepartmentBook.Apply(d, Change(started)));
        Assert.Equal(counters, d.Counters);
        Assert.Equal(1, d.Busy);
        Assert.Empty(d.Queue);
    }

    [Fact]
    public void Reassignment_moves_the_task_out_of_the_old_departments_counts()
    {
        var t = Assigned();
        var d = Department(1);
        DepartmentBook.Apply(d, Change(t));
        t = TaskMachine.Arbitrate(t, Hq("a"), new ArbitrateTask(DefaultCatalogue.Market), Rules, Monday).Record;
        DepartmentBook.Apply(d, Change(t));
        Assert.Equal(0, d.Counters.Total);
        Assert.Empty(d.Queue);
    }

    [Fact]
    public void Grid_notices_are_addressed_to_the_department_the_grid_chief_and_the_responsible_leader()
    {
        var grid = new GridState { CampaignId = "C1", Setup = new GridSetup("G15", "第15网格", "chief-liang", "leader-wan") };
        var (t, notices) = TaskMachine.Escalate(Assigned(), At(3, 2, 11, 30));
        GridBook.Apply(grid, new TaskChange(Aggregation.FactsOf(t), notices), "G15");
        var notice = Assert.Single(grid.RecentNotices);
        Assert.Equal([DefaultCatalogue.Sanitation, "chief-liang", "leader-wan"], notice.Recipients.ToArray());
    }

    [Fact]
    public void Composite_score_follows_the_district_formula()
    {
        var c = TaskCounters.Zero with { Due = 10, OnTimeDue = 10, Handled = 8, HandledOnTime = 6, Reworked = 2, OverduePending = 1, Extended = 1, Dispatched = 10 };
        var i = Indicators.Of(c, new IndicatorWeights());
        // 30×0.8 + 20×0.6 + 20×(1−2/8) + 20×(1−0.1) + 10×(1−0.1) = 24 + 12 + 15 + 18 + 9
        Assert.Equal(78, i.Composite, 9);
        Assert.Equal(0.25, i.ReworkRate, 9);
    }

    [Fact]
    public void An_aggregate_with_nothing_due_scores_full_marks_and_stays_off_the_lists()
    {
        var i = Indicators.Of(TaskCounters.Zero, new IndicatorWeights());
        Assert.Equal(100, i.Composite, 9);
        var rows = System.Collections.Immutable.ImmutableArray.Create(
            new IndicatorRow("G1", "", TaskCounters.Zero, i),
            new IndicatorRow("G2", "", TaskCounters.Zero with { Due = 1 }, i with { Composite = 50 }));
        Assert.Equal(["G2"], Indicators.BlackList(rows, 3).ToArray());
    }
}
