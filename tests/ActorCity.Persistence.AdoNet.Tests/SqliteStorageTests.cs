using ActorCity.Runtime;
using ActorCity.Runtime.Storage;

namespace ActorCity.Persistence.AdoNet.Tests;

[Collection(SqliteCollection.Name)]
public sealed class SqliteGrainStorageTests(SqliteFixture fixture) : GrainStorageContract
{
    protected override IGrainStorage CreateStorage() => fixture.CreateStorage();

    protected override Task InitializeSchemaAsync() => fixture.CreateStorage().InitializeAsync();

    [Fact]
    public async Task First_use_creates_the_missing_folder_and_a_wal_database()
    {
        var path = Path.Combine(fixture.Folder, Guid.NewGuid().ToString("N"), "deeper", "state.db");

        await fixture.CreateStorage(path).InitializeAsync();
        await fixture.CreateStorage(path).InitializeAsync();

        Assert.True(File.Exists(path));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteReminderTableTests(SqliteFixture fixture) : ReminderTableContract
{
    protected override IReminderTable CreateTable() => fixture.CreateReminderTable();
}
