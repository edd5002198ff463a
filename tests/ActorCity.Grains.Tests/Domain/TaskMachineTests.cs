using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

public sealed class TaskMachineTests
{
    private const string Sanitation = DefaultCatalogue.Sanitation;

    [Fact]
    public void Report_takes_the_category_defaults_from_the_catalogue()
    {
        var t = Reported(category: "illegal-structure");
        Assert.Equal(TaskState.Reported, t.State);
        Assert.Equal(TimeLimit.Days(15), t.TimeLimit);
        Assert.Equal("CITY-APPEARANCE", t.AssessmentCategory);
        Assert.Single(t.Ledger);
    }

    [Fact]
    public void Assign_defaults_to_the_lead_department_and_computes_the_deadline_on_the_calendar()
    {
        var t = Assigned(at: At(3, 6, 16, 0));
        Assert.Equal(TaskState.Assigned, t.State);
        Assert.Equal(Sanitation, t.LeadDepartment);
        Assert.Equal(At(3, 9, 11, 0), t.Deadline);
    }

    [Fact]
    public void Happy_path_closes_on_time_and_numbers_the_ledger_from_one()
    {
        var t = Assigned();
        t = TaskMachine.Start(t, Dept("s"), Monday.AddHours(1)).Record;
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote("photo"), Monday.AddHours(2)).Record;
        t = TaskMachine.Verify(t, Grid("v"), new VerifyTask(true), Monday.AddHours(3)).Record;
        Assert.Equal(TaskState.Closed, t.State);
        Assert.True(t.HandledOnTime);
        Assert.True(t.ClosedOnTime);
        Assert.Equal([1L, 2, 3, 4, 5], t.Ledger.Select(e => e.Sequence));
    }

    [Fact]
    public void Failed_verification_sends_the_task_back_as_counted_rework()
    {
        var t = Assigned();
        t = TaskMachine.Start(t, Dept("s"), Monday).Record;
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote(), Monday).Record;
        t = TaskMachine.Verify(t, Grid("v"), new VerifyTask(false, "still dirty"), Monday).Record;
        Assert.Equal(TaskState.InProgress, t.State);
        Assert.Equal(1, t.Reworks);
    }

    [Fact]
    public void Submitting_an_assigned_task_is_an_invalid_transition_naming_the_rule()
    {
        var t = Assigned();
        var e = Assert.Throws<DomainException>(() => TaskMachine.Submit(t, Dept("x"), new TaskNote(), Monday));
        Assert.Equal(DomainErrors.InvalidTransition, e.Code);
        Assert.Contains("must be InProgress", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_department_acting_on_another_departments_task_is_refused_as_out_of_scope()
    {
        var t = Assigned();
        var e = Assert.Throws<DomainException>(() => TaskMachine.Start(t, Dept("x", DefaultCatalogue.Market), Monday));
        Assert.Equal(DomainErrors.OutOfScope, e.Code);
        Assert.Contains(Sanitation, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_assigning_another_grids_task_is_refused_as_out_of_scope()
    {
        var e = Assert.Throws<DomainException>(() => TaskMachine.Assign(Reported(), Grid("x", "G16"), new AssignTask(), Rules, Monday));
        Assert.Equal(DomainErrors.OutOfScope, e.Code);
    }

    [Fact]
    public void A_viewer_may_not_issue_commands()
    {
        var e = Assert.Throws<DomainException>(() => TaskMachine.Cancel(Assigned(), new CommandContext("x", "v", ActorRole.Viewer), new CancelTask(CancelReason.Duplicate), Monday));
        Assert.Equal(DomainErrors.RoleNotAllowed, e.Code);
    }

    [Fact]
    public void A_default_command_context_has_no_command_id_and_is_refused_before_anything_changes()
    {
        var t = Assigned();
        var e = Assert.Throws<DomainException>(() => TaskMachine.Cancel(t, default, new CancelTask(CancelReason.Duplicate), Monday));
        Assert.Equal(DomainErrors.InvalidCommand, e.Code);
        Assert.Contains("needs a command id", e.Message, StringComparison.Ordinal);
        Assert.Equal(TaskState.Assigned, t.State);
        Assert.Equal(2, t.Ledger.Length);
    }

    [Fact]
    public void A_department_may_not_verify_its_own_work()
    {
        var t = TaskMachine.Start(Assigned(), Dept("s"), Monday).Record;
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote(), Monday).Record;
        var e = Assert.Throws<DomainException>(() => TaskMachine.Verify(t, Dept("v"), new VerifyTask(true), Monday));
        Assert.Equal(DomainErrors.RoleNotAllowed, e.Code);
    }

    [Fact]
    public void A_retried_command_id_returns_the_first_result_and_appends_nothing()
    {
        var t = Assigned();
        var first = TaskMachine.Start(t, Dept("same"), Monday);
        var retry = TaskMachine.Start(first.Record, Dept("same"), Monday.AddHours(1));
        Assert.True(retry.Replayed);
        Assert.Equal(first.Result, retry.Result);
        Assert.Same(first.Record, retry.Record);
    }

    [Fact]
    public void Reusing_a_command_id_for_another_command_is_refused()
    {
        var t = TaskMachine.Start(Assigned(), Dept("same"), Monday).Record;
        var e = Assert.Throws<DomainException>(() => TaskMachine.Submit(t, Dept("same"), new TaskNote(), Monday));
        Assert.Equal(DomainErrors.CommandIdReused, e.Code);
    }

    [Fact]
    public void Reporting_the_same_task_id_twice_with_a_new_command_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => TaskMachine.Report(Reported(), "T-1", Grid("other"), new ReportTask("C1", "G15", "clutter"), Rules, Monday));
        Assert.Equal(DomainErrors.TaskAlreadyExists, e.Code);
    }

    [Fact]
    public void An_unknown_category_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => TaskMachine.Report(new TaskRecord(), "T-9", Grid("r"), new ReportTask("C1", "G15", "unicorns"), Rules, Monday));
        Assert.Equal(DomainErrors.UnknownCategory, e.Code);
    }

    [Fact]
    public void The_first_extension_may_come_from_the_department_but_a_second_needs_headquarters()
    {
        var t = TaskMachine.Extend(Assigned(), Dept("e1"), new ExtendTask(TimeLimit.Hours(2), "rain"), Rules, Monday).Record;
        Assert.Equal(At(3, 2, 16, 30), t.Deadline);
        var e = Assert.Throws<DomainException>(() => TaskMachine.Extend(t, Dept("e2"), new ExtendTask(TimeLimit.Hours(2), "rain"), Rules, Monday));
        Assert.Equal(DomainErrors.ExtensionNeedsHeadquarters, e.Code);
        t = TaskMachine.Extend(t, Hq("e3"), new ExtendTask(TimeLimit.Hours(1), "more rain"), Rules, Monday).Record;
        Assert.Equal(At(3, 2, 17, 30), t.Deadline);
        Assert.Equal(2, t.Extensions);
    }

    [Fact]
    public void Return_for_redispatch_clears_the_department_and_counts_the_return()
    {
        var t = TaskMachine.Return(Assigned(), Dept("r"), new TaskNote("not ours"), Monday).Record;
        Assert.Equal(TaskState.Reported, t.State);
        Assert.Equal("", t.LeadDepartment);
        Assert.Null(t.Deadline);
        Assert.Equal(1, t.Returns);
    }

    [Fact]
    public void Dispute_then_arbitration_reassigns_with_a_new_deadline_from_the_ruling()
    {
        var t = TaskMachine.Dispute(Assigned(), Dept("d"), new TaskNote("this is a market problem"), Monday).Record;
        Assert.Equal(TaskState.Disputed, t.State);
        var ruling = At(3, 3, 9, 0);
        t = TaskMachine.Arbitrate(t, Hq("a"), new ArbitrateTask(DefaultCatalogue.Market), Rules, ruling).Record;
        Assert.Equal(TaskState.Assigned, t.State);
        Assert.Equal(DefaultCatalogue.Market, t.LeadDepartment);
        // Tuesday 09:00 + 4 working hours: 3 h to noon, 1 h after 14:00.
        Assert.Equal(At(3, 3, 15, 0), t.Deadline);
    }

    [Fact]
    public void Parking_stops_the_clock_and_unparking_restores_the_remaining_working_time()
    {
        // Assigned Monday 08:00, deadline 14:30. Parked at 10:00: 2 h + 0.5 h remain.
        var t = TaskMachine.Park(Assigned(), Hq("p"), new TaskNote("engineering"), Rules, At(3, 2, 10, 0)).Record;
        Assert.Equal(TaskState.Parked, t.State);
        Assert.Equal(150, t.ParkedRemainingMinutes);
        Assert.True(t.ExcludedFromOnTime);
        t = TaskMachine.Unpark(t, Hq("u"), new TaskNote(), Rules, At(3, 10, 9, 0)).Record;
        Assert.Equal(TaskState.Assigned, t.State);
        Assert.Equal(At(3, 10, 11, 30), t.Deadline);
    }

    [Fact]
    public void Only_headquarters_may_park()
    {
        var e = Assert.Throws<DomainException>(() => TaskMachine.Park(Assigned(), Grid("p"), new TaskNote(), Rules, Monday));
        Assert.Equal(DomainErrors.RoleNotAllowed, e.Code);
    }

    [Fact]
    public void Recurrence_reopens_a_closed_task_with_a_new_cycle()
    {
        var t = TaskMachine.Start(Assigned(), Dept("s"), Monday).Record;
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote(), Monday).Record;
        t = TaskMachine.Verify(t, Grid("v"), new VerifyTask(true), Monday).Record;
        t = TaskMachine.Reopen(t, Grid("o"), new TaskNote("came back"), Rules, At(3, 4, 9, 0)).Record;
        Assert.Equal(TaskState.Assigned, t.State);
        Assert.Equal(1, t.Recurrences);
        Assert.Null(t.FirstHandledAt);
        Assert.Equal(At(3, 4, 15, 0), t.Deadline);
    }

    [Fact]
    public void A_closed_task_cannot_be_cancelled()
    {
        var t = TaskMachine.Start(Assigned(), Dept("s"), Monday).Record;
        t = TaskMachine.Submit(t, Dept("u"), new TaskNote(), Monday).Record;
        t = TaskMachine.Verify(t, Grid("v"), new VerifyTask(true), Monday).Record;
        var e = Assert.Throws<DomainException>(() => TaskMachine.Cancel(t, Hq("c"), new CancelTask(CancelReason.Duplicate), Monday));
        Assert.Equal(DomainErrors.InvalidTransition, e.Code);
    }

    [Fact]
    public void Submitting_after_the_deadline_is_handled_late()
    {
        var t = TaskMachine.Start(Assigned(), Dept("s"), Monday).Record;
        var late = At(3, 2, 15, 0);
        var outcome = TaskMachine.Run(t, late, x => TaskMachine.Submit(x, Dept("u"), new TaskNote(), late));
        Assert.False(outcome.Record.HandledOnTime);
        Assert.True(outcome.Record.Overdue);
        Assert.Equal([EscalationLevel.Reminder, EscalationLevel.Supervision], outcome.Notices.Select(n => n.Level));
        Assert.Equal("submit", outcome.Record.Ledger[^1].Command);
    }
}
