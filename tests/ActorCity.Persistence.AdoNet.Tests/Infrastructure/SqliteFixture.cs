using ActorCity.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorCity.Persistence.AdoNet.Tests;

/// <summary>One temporary SQLite database for the whole test run.</summary>
public sealed class SqliteFixture : IDisposable
{
    public SqliteFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "actorcity-tests", Guid.NewGuid().ToString("N"));
        DatabasePath = Path.Combine(Folder, "nested", "actorcity.db");
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public SqliteStorageOptions Options(string? path = null) => new() { ConnectionString = $"Data Source={path ?? DatabasePath}" };

    public SqliteGrainStorage CreateStorage(string? path = null) => new(Options(path), NullLogger<SqliteGrainStorage>.Instance);

    public SqliteReminderTable CreateReminderTable() => new(Options(), NullLogger<SqliteReminderTable>.Instance);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFixture>
{
    public const string Name = "SQLite";
}
