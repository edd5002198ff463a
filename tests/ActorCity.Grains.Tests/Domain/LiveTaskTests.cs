using System.Text.Json;
using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>
/// The task grain's live task, changed in place: a rejected or retried command leaves it exactly as it was (escalation
/// caught up first included), it is stored as the same JSON as a task record, and its snapshots never change.
/// Times as in <see cref="EscalationTests"/>: reminder 11:30, supervision 14:30 on Monday.
/// </summary>
public sealed class LiveTaskTests
{
    private static readonly TaskNote s_note = new("photo");

    private static LiveTask LiveAssigned() => new(Assigned());

    private static string Json(LiveTask t) => JsonSerializer.Serialize(t);

    [Fact]
    public void A_rejected_command_takes_back_the_escalation_caught_up_before_it()
    {
        var t = LiveAssigned();
        var before = Json(t);

        // Due at 15:00: reminder and supervision; submit is refused (the task is Assigned, not InProgress).
        var e = Assert.Throws<DomainException>(() => TaskMachine.Run(
            t, At(3, 2, 15, 0), (Dept("u"), At(3, 2, 15, 0)), static (task, a) => TaskMachine.Submit(task, a.Item1, s_note, a.Item2)));

        Assert.Equal(DomainErrors.InvalidTransition, e.Code);
        Assert.Equal(before, Json(t));
        Assert.Null(t.FindCommand("escalation:3"));
    }

    [Fact]
    public void A_retried_command_takes_back_the_escalation_caught_up_before_it_and_replays_its_result()
    {
        var t = LiveAssigned();
        var first = TaskMachine.Start(t, Dept("s"), Monday.AddHours(1));
        var before = Json(t);

        var retry = TaskMachine.Run(t, At(3, 2, 15, 0), (Dept("s"), At(3, 2, 15, 0)), static (task, a) => TaskMachine.Start(task, a.Item1, a.Item2));

        Assert.True(retry.Replayed);
        Assert.Equal(first.Result, retry.Result);
        Assert.Empty(retry.Notices);
        Assert.Equal(before, Json(t));
    }

    [Fact]
    public void A_command_run_in_place_leaves_the_same_task_as_the_record_commands()
    {
        var record = Assigned();
        var live = new LiveTask(record);
        var at = At(3, 2, 15, 0);

        var viaRecord = TaskMachine.Run(record, at, r => TaskMachine.Start(r, Dept("s"), at));
        var inPlace = TaskMachine.Run(live, at, (Dept("s"), at), static (task, a) => TaskMachine.Start(task, a.Item1, a.Item2));

        Assert.Equal(JsonSerializer.Serialize(viaRecord.Record), Json(live));
        Assert.Equal(viaRecord.Result, inPlace.Result);
        Assert.Equal(viaRecord.Notices.Select(n => n.Level), inPlace.Notices.Select(n => n.Level));
        Assert.Equal([EscalationLevel.Reminder, EscalationLevel.Supervision], inPlace.Notices.Select(n => n.Level));
    }

    [Fact]
    public void A_live_task_is_stored_as_the_json_of_its_record_and_reads_back_into_either()
    {
        var live = LiveAssigned();
        TaskMachine.Escalate(live, At(3, 2, 15, 0), out _);
        TaskMachine.Start(live, Dept("s"), At(3, 2, 15, 30));

        var json = Json(live);
        Assert.Equal(JsonSerializer.Serialize(live.ToRecord()), json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<TaskRecord>(json)));
        var back = JsonSerializer.Deserialize<LiveTask>(json)!;
        Assert.Equal(json, Json(back));

        // The retry check works on what was read back: the ids are hashed anew.
        Assert.True(TaskMachine.Start(back, Dept(new string("s".AsSpan())), At(3, 3, 9, 0)).Replayed);
        var e = Assert.Throws<DomainException>(() => TaskMachine.Submit(back, Dept("s"), s_note, At(3, 3, 9, 0)));
        Assert.Equal(DomainErrors.CommandIdReused, e.Code);
    }

    [Fact]
    public void A_snapshot_keeps_what_it_showed_while_the_live_task_goes_on()
    {
        var live = LiveAssigned();
        var snapshot = live.ToRecord();
        var json = JsonSerializer.Serialize(snapshot);

        TaskMachine.Start(live, Dept("s"), Monday.AddHours(1));
        TaskMachine.Escalate(live, At(3, 2, 15, 0), out _);

        Assert.Equal(json, JsonSerializer.Serialize(snapshot));
        Assert.Equal(TaskState.Assigned, snapshot.State);
        Assert.Equal(snapshot.Ledger.Length + 3, live.Ledger.Count);
        Assert.Null(snapshot.FindCommand("s"));
        Assert.NotNull(live.FindCommand("s"));
    }

    [Fact]
    public void The_retry_check_finds_every_line_of_a_ledger_that_outgrew_its_first_array()
    {
        var live = LiveAssigned();
        for (var cycle = 0; cycle < 4; cycle++)
        {
            TaskMachine.Start(live, Dept($"s{cycle}"), Monday);
            TaskMachine.Submit(live, Dept($"u{cycle}"), s_note, Monday);
            TaskMachine.Verify(live, Grid($"v{cycle}"), new VerifyTask(true), Monday);
            TaskMachine.Reopen(live, Grid($"r{cycle}"), s_note, Rules, Monday);
        }

        Assert.True(live.Ledger.Count > 16);
        foreach (var line in live.Ledger)
        {
            Assert.Equal(line, live.FindCommand(new string(line.CommandId.AsSpan())));
        }

        Assert.Null(live.FindCommand("never-used"));
    }
}
