using ActorCity.Runtime.Storage;

namespace ActorCity.Runtime.Tests;

public sealed class MemoryGrainStorageTests
{
    private static readonly GrainId Id = new("counter", "a");

    [Fact]
    public async Task By_default_a_mutable_state_changed_after_its_write_is_read_back_as_written()
    {
        var storage = new MemoryGrainStorage();
        var written = new Box { State = new Counter { Value = 1 } };
        await storage.WriteStateAsync("counter", Id, written);
        written.State.Value = 2;

        var read = new Box();
        await storage.ReadStateAsync("counter", Id, read);

        Assert.Equal(1, read.State.Value);
        Assert.NotSame(written.State, read.State);
    }

    [Fact]
    public async Task Without_copies_the_store_holds_the_live_state_object_and_still_checks_ETags()
    {
        var storage = new MemoryGrainStorage(copyStates: false);
        var written = new Box { State = new Counter { Value = 1 } };
        await storage.WriteStateAsync("counter", Id, written);

        var read = new Box();
        await storage.ReadStateAsync("counter", Id, read);
        Assert.Same(written.State, read.State);

        var stale = new Box { State = new Counter(), ETag = "stale" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Id, stale));
    }

    [Fact]
    public async Task Every_write_gives_the_record_a_new_ETag_and_the_previous_one_becomes_stale()
    {
        var storage = new MemoryGrainStorage();
        var writer = new Box();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Past the 65,536 versions whose ETags are cached strings, so both kinds are checked.
        for (var i = 0; i < 70_000; i++)
        {
            await storage.WriteStateAsync("counter", Id, writer);
            Assert.True(seen.Add(writer.ETag!), $"write {i} reused ETag {writer.ETag}");
        }

        var stale = new Box { ETag = seen.First() };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Id, stale));
    }

    [Fact]
    public async Task A_writer_holding_an_ETag_from_before_a_clear_conflicts_with_the_record_written_again()
    {
        var storage = new MemoryGrainStorage();
        var old = new Box();
        await storage.WriteStateAsync("counter", Id, old);
        var clearer = new Box();
        await storage.ReadStateAsync("counter", Id, clearer);
        await storage.ClearStateAsync("counter", Id, clearer);
        var fresh = new Box();
        await storage.ReadStateAsync("counter", Id, fresh);
        Assert.False(fresh.RecordExists);
        await storage.WriteStateAsync("counter", Id, fresh);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Id, old));
        Assert.NotEqual(old.ETag, fresh.ETag);
    }

    [Fact]
    public async Task A_refused_first_write_leaves_no_record_behind()
    {
        var storage = new MemoryGrainStorage();
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Id, new Box { ETag = "7" }));

        var read = new Box();
        await storage.ReadStateAsync("counter", Id, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Two_state_objects_of_one_record_still_conflict_when_one_writes_behind_the_others_back()
    {
        var storage = new MemoryGrainStorage();
        var first = new PersistentState<Counter>("counter", Id, storage);
        var second = new PersistentState<Counter>("counter", Id, storage);
        await first.WriteStateAsync();
        await second.ReadStateAsync();
        await second.WriteStateAsync();

        await Assert.ThrowsAsync<InconsistentStateException>(first.WriteStateAsync);

        await first.ReadStateAsync();
        await first.ClearStateAsync();
        await Assert.ThrowsAsync<InconsistentStateException>(second.WriteStateAsync);
        await second.ReadStateAsync();
        Assert.False(second.RecordExists);
        await second.WriteStateAsync();
        Assert.True(second.RecordExists);
    }

    private sealed class Counter
    {
        public int Value { get; set; }
    }

    private sealed class Box : IGrainState<Counter>
    {
        public Counter State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
