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
