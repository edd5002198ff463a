using ActorCity.Runtime;

namespace ActorCity.Persistence.AdoNet.Tests;

/// <summary>What every reminder table must do; run against each store by a derived class.</summary>
public abstract class ReminderTableContract
{
    /// <summary>A new table instance each call: a second instance is a restarted silo.</summary>
    protected abstract IReminderTable CreateTable();

    private static ReminderEntry Entry(GrainId grain, string name, int minutes = 5) =>
        new(grain, name, new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234567), TimeSpan.FromMinutes(minutes));

    [Fact]
    public async Task Upserted_reminder_reads_back_exactly_with_its_etag()
    {
        var table = CreateTable();
        await table.InitAsync();
        var grain = TestKeys.NewGrain("InspectionGrain");
        var entry = Entry(grain, "daily-check");

        var eTag = await table.UpsertRowAsync(entry);
        var read = await table.ReadRowAsync(grain, "daily-check");

        Assert.NotNull(read);
        Assert.Equal(entry with { ETag = eTag }, read);
        Assert.Equal(entry.StartAt.UtcTicks, read.StartAt.UtcTicks);
    }

    [Fact]
    public async Task Upsert_replaces_the_row_and_issues_a_new_etag()
    {
        var table = CreateTable();
        var grain = TestKeys.NewGrain("InspectionGrain");
        var first = await table.UpsertRowAsync(Entry(grain, "tick", minutes: 5));

        var second = await table.UpsertRowAsync(Entry(grain, "tick", minutes: 10));

        Assert.NotEqual(first, second);
        var read = await table.ReadRowAsync(grain, "tick");
        Assert.Equal(TimeSpan.FromMinutes(10), read!.Period);
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task Remove_with_a_stale_etag_returns_false_and_keeps_the_row()
    {
        var table = CreateTable();
        var grain = TestKeys.NewGrain("InspectionGrain");
        var stale = await table.UpsertRowAsync(Entry(grain, "tick"));
        var current = await table.UpsertRowAsync(Entry(grain, "tick", minutes: 7));

        Assert.False(await table.RemoveRowAsync(grain, "tick", stale));
        Assert.NotNull(await table.ReadRowAsync(grain, "tick"));

        Assert.True(await table.RemoveRowAsync(grain, "tick", current));
        Assert.Null(await table.ReadRowAsync(grain, "tick"));
        Assert.False(await table.RemoveRowAsync(grain, "tick", current));
    }

    [Fact]
    public async Task Rows_are_read_per_grain_and_all_rows_survive_a_new_table_instance()
    {
        var grain = TestKeys.NewGrain("InspectionGrain");
        var other = TestKeys.NewGrain("InspectionGrain");
        var table = CreateTable();
        await table.UpsertRowAsync(Entry(grain, "b"));
        await table.UpsertRowAsync(Entry(grain, "a"));
        await table.UpsertRowAsync(Entry(other, "a"));

        var restarted = CreateTable();
        var rows = await restarted.ReadRowsAsync(grain);
        var all = await restarted.ReadAllRowsAsync();

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName));
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
        Assert.Equal(3, all.Count(r => r.GrainId == grain || r.GrainId == other));
    }

    [Fact]
    public async Task Reading_a_missing_reminder_returns_null()
    {
        Assert.Null(await CreateTable().ReadRowAsync(TestKeys.NewGrain(), "none"));
        Assert.Empty(await CreateTable().ReadRowsAsync(TestKeys.NewGrain()));
    }
}
