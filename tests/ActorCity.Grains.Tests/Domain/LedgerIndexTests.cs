using System.Collections.Immutable;
using System.Text.Json;
using ActorCity.Grains.Domain;
using static ActorCity.Grains.Tests.Domain.TestData;

namespace ActorCity.Grains.Tests.Domain;

/// <summary>
/// A retried command is found in the ledger by its id: through the hash codes of the ledger's command ids, where the ids
/// themselves still decide, so a hash collision cannot replay the wrong line; the hashes are not stored, so a record
/// read back still finds its commands.
/// </summary>
public sealed class LedgerIndexTests
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
    public void Colliding_hashes_compare_the_ids_and_find_the_matching_line()
    {
        var ledger = ImmutableArray.Create(Line(1, "a"), Line(2, "b"), Line(3, "c"), Line(4, "b2"));
        var id = "b";
        var allAlike = Enumerable.Repeat(LedgerIndex.HashOf(id), ledger.Length).ToArray();

        // Lines 4 and 3 hash alike but hold other ids: the search passes them and stops at line 2.
        Assert.Equal(1, LedgerIndex.LastIndexOf(allAlike, ledger.AsSpan(), new string(id.AsSpan())));
        var noneMatch = Enumerable.Repeat(LedgerIndex.HashOf("z"), ledger.Length).ToArray();
        Assert.Equal(-1, LedgerIndex.LastIndexOf(noneMatch, ledger.AsSpan(), "z"));
    }

    [Fact]
    public void A_hash_that_differs_hides_nothing_since_only_matching_hashes_are_candidates()
    {
        var ledger = ImmutableArray.Create(Line(1, "a"), Line(2, "b"));
        int[] hashes = [LedgerIndex.HashOf("a"), LedgerIndex.HashOf("b")];

        Assert.Equal(0, LedgerIndex.LastIndexOf(hashes, ledger.AsSpan(), "a"));
        Assert.Equal(1, LedgerIndex.LastIndexOf(hashes, ledger.AsSpan(), "b"));
        Assert.Equal(-1, LedgerIndex.LastIndexOf([0, 0], ledger.AsSpan(), "a"));
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
