using Microsoft.Extensions.Logging.Abstractions;

namespace ActorCity.Persistence.AdoNet.Tests;

/// <summary>
/// The PostgreSQL database prepared by scripts/test.sh, shared by the whole run. Without it every
/// PostgreSQL test fails with the reason: a missing database is never a silent skip.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "ACTORCITY_TEST_POSTGRES";

    private readonly List<IAsyncDisposable> _created = [];

    public PostgresFixture()
    {
        ConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(MissingMessage());
    }

    public string ConnectionString { get; }

    public PostgresStorageOptions Options() => new() { ConnectionString = ConnectionString };

    public PostgresGrainStorage CreateStorage() => Track(new PostgresGrainStorage(Options(), NullLogger<PostgresGrainStorage>.Instance));

    public PostgresReminderTable CreateReminderTable() => Track(new PostgresReminderTable(Options(), NullLogger<PostgresReminderTable>.Instance));

    public async Task InitializeAsync()
    {
        // Fails here, once, with Npgsql's reason when the server is unreachable.
        await CreateStorage().InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var created in _created)
        {
            await created.DisposeAsync();
        }
    }

    private T Track<T>(T created)
        where T : IAsyncDisposable
    {
        lock (_created)
        {
            _created.Add(created);
        }

        return created;
    }

    private static string MissingMessage()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return inCi
            ? $"{EnvironmentVariable} is not set, but CI=true: CI must run `bash .ci/run` (scripts/test.sh), which starts " +
              "PostgreSQL 15 and exports the connection string. The PostgreSQL tests cannot pass without it."
            : $"{EnvironmentVariable} is not set. Run `bash scripts/test.sh` from the repository root (it installs and starts " +
              "PostgreSQL 15, creates a private test database and runs every test), or set it yourself to an Npgsql connection " +
              "string such as Host=127.0.0.1;Port=5432;Database=actorcity_test;Username=...;Password=...";
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
