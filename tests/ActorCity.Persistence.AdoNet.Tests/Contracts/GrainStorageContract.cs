using ActorCity.Runtime;
using ActorCity.Runtime.Storage;

namespace ActorCity.Persistence.AdoNet.Tests;

/// <summary>What every grain storage provider must do; run against each store by a derived class.</summary>
public abstract class GrainStorageContract
{
    private const string StateName = "case";

    /// <summary>A new provider instance each call: a second instance is a restarted silo.</summary>
    protected abstract IGrainStorage CreateStorage();

    protected abstract Task InitializeSchemaAsync();

    [Fact]
    public async Task Written_record_with_immutable_collections_and_nested_records_reads_back_equal()
    {
        var storage = CreateStorage();
        var grain = TestKeys.NewGrain();
        var written = CaseState.Sample("Blocked drain");
        var state = new TestGrainState<CaseState>(written);

        await storage.WriteStateAsync(StateName, grain, state);
        var read = new TestGrainState<CaseState>(null!);
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        AssertSame(written, read.State);
    }

    [Fact]
    public async Task State_survives_a_new_provider_instance()
    {
        var grain = TestKeys.NewGrain();
        var state = new TestGrainState<CaseState>(CaseState.Sample("Before restart"));
        await CreateStorage().WriteStateAsync(StateName, grain, state);

        var read = new TestGrainState<CaseState>(null!);
        await CreateStorage().ReadStateAsync(StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal("Before restart", read.State.Title);
    }

    [Fact]
    public async Task Reading_a_missing_record_leaves_state_untouched_and_reports_no_record()
    {
        var original = CaseState.Sample("untouched");
        var state = new TestGrainState<CaseState>(original) { ETag = "42", RecordExists = true };

        await CreateStorage().ReadStateAsync(StateName, TestKeys.NewGrain(), state);

        Assert.Same(original, state.State);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task Each_write_issues_a_new_higher_etag()
    {
        var storage = CreateStorage();
        var state = new TestGrainState<CaseState>(CaseState.Sample("v1"));
        var grain = TestKeys.NewGrain();

        await storage.WriteStateAsync(StateName, grain, state);
        var first = long.Parse(state.ETag!, System.Globalization.CultureInfo.InvariantCulture);
        await storage.WriteStateAsync(StateName, grain, state);
        var second = long.Parse(state.ETag!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(second > first, $"ETag {second} should be above {first}");
    }

    [Fact]
    public async Task Stale_etag_write_is_refused_and_the_stored_value_is_unchanged()
    {
        var storage = CreateStorage();
        var grain = TestKeys.NewGrain();
        var first = new TestGrainState<CaseState>(CaseState.Sample("v1"));
        await storage.WriteStateAsync(StateName, grain, first);
        var staleETag = first.ETag;
        var second = new TestGrainState<CaseState>(CaseState.Sample("v2")) { ETag = staleETag };
        await storage.WriteStateAsync(StateName, grain, second);

        var stale = new TestGrainState<CaseState>(CaseState.Sample("v3 from a stale copy")) { ETag = staleETag };
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        Assert.Contains(grain.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(StateName, error.Message, StringComparison.Ordinal);
        Assert.Contains(staleETag!, error.Message, StringComparison.Ordinal);
        Assert.Contains(second.ETag!, error.Message, StringComparison.Ordinal);
        Assert.Equal(second.ETag, error.StoredEtag);
        Assert.Equal(staleETag, stale.ETag);
        var read = new TestGrainState<CaseState>(null!);
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("v2", read.State.Title);
        Assert.Equal(second.ETag, read.ETag);
    }

    [Fact]
    public async Task Creating_a_record_that_already_exists_is_refused()
    {
        var storage = CreateStorage();
        var grain = TestKeys.NewGrain();
        await storage.WriteStateAsync(StateName, grain, new TestGrainState<CaseState>(CaseState.Sample("first")));

        var blind = new TestGrainState<CaseState>(CaseState.Sample("blind insert"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, blind));

        var read = new TestGrainState<CaseState>(null!);
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("first", read.State.Title);
    }

    [Fact]
    public async Task Clear_then_read_reports_no_record()
    {
        var storage = CreateStorage();
        var grain = TestKeys.NewGrain();
        var state = new TestGrainState<CaseState>(CaseState.Sample("to clear"));
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);

        var read = new TestGrainState<CaseState>(CaseState.Sample("default"));
        await CreateStorage().ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal("default", read.State.Title);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_is_refused_and_the_record_stays()
    {
        var storage = CreateStorage();
        var grain = TestKeys.NewGrain();
        var state = new TestGrainState<CaseState>(CaseState.Sample("v1"));
        await storage.WriteStateAsync(StateName, grain, state);
        var staleETag = state.ETag;
        await storage.WriteStateAsync(StateName, grain, state);

        var stale = new TestGrainState<CaseState>(state.State) { ETag = staleETag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));

        var read = new TestGrainState<CaseState>(null!);
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task An_etag_from_before_a_clear_cannot_overwrite_the_recreated_record()
    {
        var storage = CreateStorage();
        var grain = TestKeys.NewGrain();
        var old = new TestGrainState<CaseState>(CaseState.Sample("old"));
        await storage.WriteStateAsync(StateName, grain, old);
        var oldETag = old.ETag;
        await storage.ClearStateAsync(StateName, grain, old);
        await storage.WriteStateAsync(StateName, grain, new TestGrainState<CaseState>(CaseState.Sample("recreated")));

        var stale = new TestGrainState<CaseState>(CaseState.Sample("stale")) { ETag = oldETag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        var read = new TestGrainState<CaseState>(null!);
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal("recreated", read.State.Title);
    }

    [Fact]
    public async Task Two_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var grain = TestKeys.NewGrain();
        var seed = new TestGrainState<CaseState>(CaseState.Sample("seed"));
        var reader = CreateStorage();
        var storages = new[] { CreateStorage(), CreateStorage() };
        await reader.WriteStateAsync(StateName, grain, seed);

        for (var round = 0; round < 10; round++)
        {
            var read = new TestGrainState<CaseState>(null!);
            await reader.ReadStateAsync(StateName, grain, read);
            var writers = new[] { "A", "B" }
                .Select(name => new TestGrainState<CaseState>(CaseState.Sample($"{name}{round}")) { ETag = read.ETag })
                .ToArray();

            var results = await Task.WhenAll(writers.Select((w, i) => Outcome(() => storages[i].WriteStateAsync(StateName, grain, w))));

            var winners = writers.Where((_, i) => results[i] is null).ToArray();
            var winner = Assert.Single(winners);
            Assert.IsType<InconsistentStateException>(Assert.Single(results, r => r is not null));
            var after = new TestGrainState<CaseState>(null!);
            await reader.ReadStateAsync(StateName, grain, after);
            Assert.Equal(winner.State.Title, after.State.Title);
            Assert.Equal(winner.ETag, after.ETag);
        }
    }

    [Fact]
    public async Task Two_concurrent_creators_exactly_one_wins()
    {
        var grain = TestKeys.NewGrain();
        var writers = new[] { "A", "B" }.Select(n => new TestGrainState<CaseState>(CaseState.Sample(n))).ToArray();

        var results = await Task.WhenAll(writers.Select(w => Outcome(() => CreateStorage().WriteStateAsync(StateName, grain, w))));

        Assert.Single(results, r => r is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(results, r => r is not null));
    }

    [Fact]
    public async Task Schema_creation_is_idempotent()
    {
        await InitializeSchemaAsync();
        await InitializeSchemaAsync();

        var grain = TestKeys.NewGrain();
        var state = new TestGrainState<CaseState>(CaseState.Sample("after schema"));
        await CreateStorage().WriteStateAsync(StateName, grain, state);
        var read = new TestGrainState<CaseState>(null!);
        await CreateStorage().ReadStateAsync(StateName, grain, read);
        Assert.Equal("after schema", read.State.Title);
    }

    private static async Task<Exception?> Outcome(Func<Task> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (Exception error)
        {
            return error;
        }
    }

    private static void AssertSame(CaseState expected, CaseState actual)
    {
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Severity, actual.Severity);
        Assert.Equal(expected.Tags.ToArray(), actual.Tags.ToArray());
        Assert.Equal(expected.Sites, actual.Sites);
        Assert.Equal(expected.Primary, actual.Primary);
        Assert.Equal(expected.OpenedAt, actual.OpenedAt);
        Assert.Equal(expected.OpenedAt.Offset, actual.OpenedAt.Offset);
        Assert.Equal(expected.Counts.OrderBy(p => p.Key), actual.Counts.OrderBy(p => p.Key));
    }
}
