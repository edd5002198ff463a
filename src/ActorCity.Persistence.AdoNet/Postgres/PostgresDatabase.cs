using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorCity.Persistence.AdoNet;

/// <summary>A pooled Npgsql data source whose schema is created once, on first use.</summary>
internal sealed class PostgresDatabase : IAdoNetDatabase, IAsyncDisposable
{
    // Serializes concurrent schema scripts (several silos starting at once): concurrent
    // CREATE ... IF NOT EXISTS can still collide in the catalog.
    private const long SchemaLockKey = 0x4163746f72436974; // "ActorCit"

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStorageOptions _options;
    private readonly ILogger _logger;
    private readonly AsyncOnce _init;

    public PostgresDatabase(PostgresStorageOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(options.ResolveConnectionString());
        var builder = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        Name = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _init = new AsyncOnce(InitializeAsync);
    }

    /// <summary>host:port/database, never the password.</summary>
    public string Name { get; }

    public Task EnsureInitializedAsync(CancellationToken cancellationToken) => _init.EnsureAsync(cancellationToken);

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    async Task<DbConnection> IAdoNetDatabase.OpenConnectionAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task InitializeAsync()
    {
        if (!_options.CreateSchema)
        {
            Log.SchemaSkipped(_logger, Name);
            return;
        }

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key);", connection, transaction))
        {
            command.Parameters.AddWithValue("key", SchemaLockKey);
            await command.ExecuteNonQueryAsync();
        }

        await using (var command = new NpgsqlCommand(SqlScripts.Load(SqlScripts.PostgreSql), connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        Log.SchemaCreated(_logger, SqlScripts.PostgreSql, Name);
    }
}
