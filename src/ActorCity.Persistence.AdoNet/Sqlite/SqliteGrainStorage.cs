using ActorCity.Runtime;
using ActorCity.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Grain state in a SQLite file (the embedded default store).</summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private const string InsertSql =
        "INSERT INTO actorcity_grain_state (grain_type, grain_key, state_name, payload, etag) " +
        "VALUES (@type, @key, @name, @payload, @etag) ON CONFLICT DO NOTHING;";

    private const string UpdateSql =
        "UPDATE actorcity_grain_state SET payload = @payload, etag = @etag, updated_at = CURRENT_TIMESTAMP " +
        $"WHERE {GrainStateRows.KeyCondition} AND etag = @expected;";

    private readonly SqliteDatabase _database;
    private readonly GrainStateRows _rows;

    public SqliteGrainStorage(SqliteStorageOptions options, ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options, logger);
        _rows = new GrainStateRows(_database, options.SerializerOptions ?? GrainStateJson.DefaultOptions, logger);
    }

    /// <summary>Creates the folder, WAL mode and schema now instead of on first use.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.EnsureInitializedAsync(cancellationToken);

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState) =>
        _rows.ReadAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var payload = _rows.Serialize(grainState.State);
        var expected = grainState.ETag;
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        // BEGIN IMMEDIATE: the write lock is taken before the ETag is drawn, so no other writer interleaves.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var eTag = await SqliteSql.NextETagAsync(connection, transaction, CancellationToken.None);

        await using var command = GrainStateRows.KeyCommand(connection, expected is null ? InsertSql : UpdateSql, stateName, grainId, transaction);
        command.AddParameter("@payload", payload);
        command.AddParameter("@etag", eTag);
        if (expected is not null)
        {
            command.AddParameter("@expected", ETags.TryParse(expected, out var version) ? version : -1L);
        }

        if (await command.ExecuteNonQueryAsync() != 1)
        {
            await transaction.RollbackAsync();
            throw await _rows.WriteRefusedAsync(connection, stateName, grainId, expected);
        }

        await transaction.CommitAsync();
        grainState.ETag = ETags.Format(eTag);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState) =>
        _rows.ClearAsync(stateName, grainId, grainState);
}
