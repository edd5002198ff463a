using System.Reflection;
using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>
/// A command changes the live task in place (the record commands copy it once into a new record), and the task carries
/// the reminder time its grain keeps armed. Times as in <see cref="EscalationTests"/>: reminder 11:30, supervision 14:30 on Monday.
/// </summary>
public sealed class TaskCommandPathTests
{
    [Fact]
    public void Every_stored_property_of_a_task_record_is_a_property_of_the_live_task()
    {
        static IEnumerable<string> Stored(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(Stored(typeof(TaskRecord)), Stored(typeof(LiveTask)));
    }

    [Fact]
    public void A_command_changes_only_its_own_fields_the_ledger_and_the_reminder()
    {
        var (t, _) = TaskMachine.Escalate(Assigned(), At(3, 2, 15, 0));
        t = TaskMachine.Extend(t, Hq("e"), new ExtendTask(TimeLimit.Days(1), "heavy rain"), Rules, At(3, 2, 15, 0)).Record;
        t = t with { CoDepartments = [DefaultCatalogue.Market], Reworks = 2, Returns = 1, Recurrences = 1, Disputes = 1, ReminderDueAt = At(3, 2, 16, 0) };

        var started = TaskMachine.Start(t, Dept("s"), At(3, 2, 15, 30)).Record;

        Assert.Equal(t with { State = TaskState.InProgress, Ledger = started.Ledger }, started);
        Assert.Equal(t.Ledger.ToArray(), started.Ledger[..^1].ToArray());
        Assert.Equal("start", started.Ledger[^1].Command);
    }

    [Fact]
    public void Assign_arms_the_reminder_for_the_first_step_and_submit_drops_it()
    {
        var t = Assigned();
        Assert.Equal(At(3, 2, 11, 30), t.ReminderDueAt);
        t = TaskMachine.Start(t, Dept("s"), Monday.AddHours(1)).Record;
        Assert.Equal(At(3, 2, 11, 30), t.ReminderDueAt);
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote(), Monday.AddHours(2)).Record;
        Assert.Null(t.ReminderDueAt);
    }

    [Fact]
    public void A_later_next_step_keeps_the_armed_reminder_whose_tick_re_arms()
    {
        var t = TaskMachine.Extend(Assigned(), Hq("e"), new ExtendTask(TimeLimit.Days(1), "heavy rain"), Rules, Monday.AddHours(1)).Record;
        Assert.True(EscalationLadder.NextDue(t) > At(3, 2, 11, 30));
        Assert.Equal(At(3, 2, 11, 30), t.ReminderDueAt);
    }

    [Fact]
    public void A_tick_takes_the_due_step_and_records_the_next_due_time_in_one_record()
    {
        var t = Assigned();
        var (after, notices) = TaskMachine.Tick(t, At(3, 2, 11, 30));
        Assert.Equal(EscalationLevel.Reminder, Assert.Single(notices).Level);
        Assert.Equal(EscalationLevel.Reminder, after.Escalation);
        Assert.Equal(At(3, 2, 14, 30), after.ReminderDueAt);
        Assert.Equal(t.LastSequence + 1, after.LastSequence);
    }

    [Fact]
    public void A_tick_with_nothing_due_and_the_reminder_time_standing_returns_the_task_itself()
    {
        var (t, _) = TaskMachine.Tick(Assigned(), At(3, 2, 11, 30));
        var (again, notices) = TaskMachine.Tick(t, At(3, 2, 12, 0));
        Assert.Same(t, again);
        Assert.Empty(notices);
    }

    [Fact]
    public void A_tick_on_a_stopped_clock_clears_the_reminder_time()
    {
        var t = TaskMachine.Start(Assigned(), Dept("s"), Monday).Record;
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote(), Monday).Record with { ReminderDueAt = At(3, 2, 11, 30) };
        var (after, notices) = TaskMachine.Tick(t, At(3, 2, 11, 30));
        Assert.Null(after.ReminderDueAt);
        Assert.Empty(notices);
        Assert.Equal(t.LastSequence, after.LastSequence);
    }
}
