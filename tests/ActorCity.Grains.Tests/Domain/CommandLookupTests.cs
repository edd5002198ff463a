using System.Collections.Immutable;
using System.Text.Json;
using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>
/// A retried command is found in the ledger by its id: a live task first asks a filter of the ledger's command ids, where
/// the ids themselves still decide, so a false maybe cannot replay the wrong line; the filter is not stored, so a record
/// read back still finds its commands.
/// </summary>
public sealed class CommandLookupTests
{
    private static readonly TaskNote s_note = new("photo");

    private static TaskRecord Worked()
    {
        var t = TaskMachine.Start(Assigned(), Dept("s"), Monday).Record;
        t = TaskMachine.Submit(t, Dept("u"), s_note, At(3, 2, 15, 0)).Record;
        return TaskMachine.Verify(t, Grid("v"), new VerifyTask(true), At(3, 2, 15, 30)).Record;
    }

    [Fact]
    public void Every_command_id_of_the_ledger_is_found_at_its_own_line()
    {
        var t = Worked();
        for (var i = 0; i < t.Ledger.Length; i++)
        {
            Assert.Equal(t.Ledger[i], t.FindCommand(new string(t.Ledger[i].CommandId.AsSpan())));
        }

        Assert.Null(t.FindCommand("never-used"));
    }

    [Fact]
    public void A_task_read_back_from_json_still_replays_and_refuses_a_reused_id()
    {
        var t = Worked();
        var json = JsonSerializer.Serialize(t);
        var back = JsonSerializer.Deserialize<TaskRecord>(json)!;

        Assert.DoesNotContain("ndex", json, StringComparison.Ordinal);
        var retry = TaskMachine.Submit(back, Dept("u"), s_note, At(3, 3, 9, 0));
        Assert.True(retry.Replayed);
        Assert.Equal(TaskMachine.Submit(t, Dept("u"), s_note, At(3, 3, 9, 0)).Result, retry.Result);
        var e = Assert.Throws<DomainException>(() => TaskMachine.Reopen(back, Grid("v"), s_note, Rules, At(3, 3, 9, 0)));
        Assert.Equal(DomainErrors.CommandIdReused, e.Code);

        var reopened = TaskMachine.Reopen(back, Grid("again"), s_note, Rules, At(3, 3, 9, 0)).Record;
        Assert.Equal("reopen", reopened.FindCommand("again")?.Command);
        Assert.Equal("start", reopened.FindCommand("s")?.Command);
    }

    [Fact]
    public void Two_versions_branched_from_one_record_each_find_only_their_own_commands()
    {
        var t = Assigned();
        var started = TaskMachine.Start(t, Dept("one"), Monday).Record;
        var returned = TaskMachine.Return(t, Dept("two"), new TaskNote("not ours"), Monday).Record;

        Assert.Equal("start", started.FindCommand("one")?.Command);
        Assert.Null(started.FindCommand("two"));
        Assert.Equal("return", returned.FindCommand("two")?.Command);
        Assert.Null(returned.FindCommand("one"));
        Assert.Null(t.FindCommand("one"));
    }

    [Fact]
    public void A_ledger_set_by_hand_is_indexed_anew()
    {
        var t = Worked();
        var other = Assigned("T-2");
        var swapped = t with { Ledger = other.Ledger };

        Assert.Null(swapped.FindCommand("s"));
        Assert.Equal(other.Ledger[^1], swapped.FindCommand("a-T-2"));
        Assert.Equal(t with { Ledger = other.Ledger }, swapped);
    }

    [Fact]
    public void The_command_filter_never_misses_an_id_it_was_given_and_rarely_claims_one_it_was_not()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 12).Select(_ => $"cmd-{random.Next(1_000_000)}").ToArray();
        var filter = default(CommandFilter);
        Assert.DoesNotContain(ids, id => filter.MayContain(id));
        foreach (var id in ids)
        {
            filter.Add(id);
        }

        Assert.All(ids, id => Assert.True(filter.MayContain(new string(id.AsSpan()))));
        var strangers = Enumerable.Range(0, 10_000).Select(i => $"other-{i}").Count(filter.MayContain);
        Assert.InRange(strangers, 0, 500);
    }

    [Fact]
    public void A_full_filter_only_says_maybe_and_the_ids_still_decide()
    {
        // Hundreds of lines set every bit: the check then reads the ledger and must still find the right line or none.
        var live = new LiveTask(Assigned());
        for (var i = 0; i < 400; i++)
        {
            live.Append(Line(live.LastSequence + 1, $"x{i}"));
        }

        live.Append(Line(live.LastSequence + 1, "b"));
        live.Append(Line(live.LastSequence + 1, "b2"));

        Assert.Equal("b", live.FindCommand(new string("b".AsSpan()))?.CommandId);
        Assert.Equal(live.Ledger[^1], live.FindCommand("b2"));
        Assert.Null(live.FindCommand("never-used"));
    }

    [Fact]
    public void Lines_appended_or_set_directly_are_filtered_when_next_asked_and_taken_back_lines_are_forgotten()
    {
        var live = new LiveTask(Assigned());
        live.Ledger.Add(Line(live.LastSequence + 1, "direct"));
        Assert.Equal("direct", live.FindCommand("direct")?.CommandId);

        var kept = live.Ledger.Count;
        live.Append(Line(live.LastSequence + 1, "taken-back"));
        Assert.NotNull(live.FindCommand("taken-back"));
        live.TruncateLedger(kept);
        Assert.Null(live.FindCommand("taken-back"));
        Assert.Equal("direct", live.FindCommand("direct")?.CommandId);

        live.Ledger = [Line(1, "fresh")];
        Assert.Null(live.FindCommand("direct"));
        Assert.Equal("fresh", live.FindCommand("fresh")?.CommandId);
    }

    [Fact]
    public void A_ledger_line_is_stored_as_the_same_json_object_as_when_it_was_a_class()
    {
        var line = new LedgerEntry(7, Monday, "u", "submit", "SANITATION", ActorRole.Department, TaskState.InProgress, TaskState.Submitted, "photo");
        const string Stored =
            """{"Sequence":7,"At":"2026-03-02T08:00:00+08:00","CommandId":"u","Command":"submit","ActorId":"SANITATION","Role":2,"From":2,"To":3,"Reason":"photo"}""";

        Assert.Equal(Stored, JsonSerializer.Serialize(line));
        Assert.Equal(line, JsonSerializer.Deserialize<LedgerEntry>(Stored));
        Assert.Equal(line, Assert.Single(JsonSerializer.Deserialize<ImmutableArray<LedgerEntry>>("[" + Stored + "]")));
    }

    private static LedgerEntry Line(long sequence, string commandId) =>
        new(sequence, Monday, commandId, "start", "hq", ActorRole.Headquarters, TaskState.Assigned, TaskState.InProgress, "");
}
