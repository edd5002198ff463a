using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>
/// Exposed garbage assigned Monday 08:00: 4 working hours, deadline 14:30. Default policy: reminder at 75 % (3 working
/// hours: 11:30), supervision at the deadline, public notice 2 working days later (Wednesday 14:30), accountability 5
/// working days later (next Monday 14:30).
/// </summary>
public sealed class EscalationTests
{
    [Fact]
    public void The_schedule_is_computed_on_the_working_calendar()
    {
        var s = Assigned().Schedule!.Value;
        Assert.Equal(At(3, 2, 11, 30), s.ReminderAt);
        Assert.Equal(At(3, 2, 14, 30), s.SupervisionAt);
        Assert.Equal(At(3, 4, 14, 30), s.PublicNoticeAt);
        Assert.Equal(At(3, 9, 14, 30), s.AccountabilityAt);
    }

    [Theory]
    [InlineData(11, 29, EscalationLevel.None)]
    [InlineData(11, 30, EscalationLevel.Reminder)]
    [InlineData(14, 29, EscalationLevel.Reminder)]
    [InlineData(14, 30, EscalationLevel.Supervision)]
    public void Each_step_falls_due_at_its_time(int hour, int minute, EscalationLevel expected)
    {
        var (t, _) = TaskMachine.Escalate(Assigned(), At(3, 2, hour, minute));
        Assert.Equal(expected, t.Escalation);
    }

    [Fact]
    public void Ticks_at_each_step_climb_the_ladder_one_level_at_a_time_and_deliver_each_step()
    {
        var t = Assigned();
        var levels = new List<EscalationLevel>();
        foreach (var at in new[] { At(3, 2, 11, 30), At(3, 2, 14, 30), At(3, 4, 14, 30), At(3, 9, 14, 30) })
        {
            Assert.Equal(at, EscalationLadder.NextDue(t));
            (t, var notices) = TaskMachine.Escalate(t, at);
            var notice = Assert.Single(notices);
            Assert.Equal(DefaultCatalogue.Sanitation, notice.DepartmentCode);
            levels.Add(notice.Level);
        }

        Assert.Equal([EscalationLevel.Reminder, EscalationLevel.Supervision, EscalationLevel.PublicNotice, EscalationLevel.Accountability], levels);
        Assert.True(t.Overdue);
        Assert.Null(EscalationLadder.NextDue(t));
        Assert.Equal([0, 1, 1, 1, 1], t.EscalationCounts.ToArray());
    }

    [Fact]
    public void A_late_tick_catches_up_every_missed_step_in_the_ledger_without_gaps()
    {
        var (t, notices) = TaskMachine.Escalate(Assigned(), At(3, 10, 9, 0));
        Assert.Equal(4, notices.Length);
        Assert.Equal(EscalationLevel.Accountability, t.Escalation);
        Assert.Equal([1L, 2, 3, 4, 5, 6], t.Ledger.Select(e => e.Sequence));
        Assert.All(t.Ledger.Skip(2), e => Assert.Equal($"escalation:{e.Sequence}", e.CommandId));
    }

    [Fact]
    public void Escalation_lines_past_the_premade_ids_are_named_by_their_sequence_too()
    {
        var live = new LiveTask(Assigned());
        var filler = live.Ledger[^1];
        while (live.Ledger.Count < 100)
        {
            live.Ledger.Add(filler with { Sequence = live.LastSequence + 1, CommandId = $"filler-{live.Ledger.Count}" });
        }

        Assert.True(TaskMachine.Escalate(live, At(3, 10, 9, 0), out _));
        Assert.Equal(["escalation:101", "escalation:102", "escalation:103", "escalation:104"], live.Ledger.Skip(100).Select(e => e.CommandId));
    }

    [Fact]
    public void A_submitted_task_does_not_escalate()
    {
        var t = TaskMachine.Start(Assigned(), Dept("s"), Monday).Record;
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote(), Monday).Record;
        var (after, notices) = TaskMachine.Escalate(t, At(3, 20, 9, 0));
        Assert.Same(t, after);
        Assert.Empty(notices);
        Assert.Null(EscalationLadder.NextDue(t));
    }

    [Fact]
    public void An_extension_after_the_deadline_clears_overdue_but_keeps_the_level_reached()
    {
        var (t, _) = TaskMachine.Escalate(Assigned(), At(3, 2, 15, 0));
        Assert.True(t.Overdue);
        t = TaskMachine.Extend(t, Hq("e"), new ExtendTask(TimeLimit.Days(1), "heavy rain"), Rules, At(3, 2, 15, 0)).Record;
        Assert.False(t.Overdue);
        Assert.Equal(EscalationLevel.Supervision, t.Escalation);
        Assert.Equal(At(3, 3, 14, 30), t.Deadline);
        Assert.Equal(At(3, 3, 14, 30), EscalationLadder.NextDue(t));
        (t, var notices) = TaskMachine.Escalate(t, At(3, 3, 14, 30));
        Assert.True(t.Overdue);
        Assert.Empty(notices);
        Assert.Equal("overdue", t.Ledger[^1].Command);
    }

    [Fact]
    public void A_custom_policy_moves_the_reminder_and_the_notice()
    {
        var rules = CampaignRules.For(Settings with { Escalation = new EscalationPolicy { ReminderShare = 0.5, PublicNoticeAfterOverdueDays = 1, AccountabilityAfterOverdueDays = 3 } });
        var s = EscalationLadder.Plan(rules, Monday, At(3, 2, 14, 30));
        Assert.Equal(At(3, 2, 10, 30), s.ReminderAt);
        Assert.Equal(At(3, 3, 14, 30), s.PublicNoticeAt);
        Assert.Equal(At(3, 5, 14, 30), s.AccountabilityAt);
    }
}
