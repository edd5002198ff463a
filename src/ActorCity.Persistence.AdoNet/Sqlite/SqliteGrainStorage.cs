using System.Text.Json;
using ActorCity.Runtime;
using ActorCity.Runtime.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Grain state in a SQLite file (the embedded default store).</summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private const string Key = GrainStateRows.KeyCondition;

    private readonly SqliteDatabase _database;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger _logger;

    public SqliteGrainStorage(SqliteStorageOptions options, ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _database = new SqliteDatabase(options, logger);
        _json = options.SerializerOptions ?? GrainStateJson.DefaultOptions;
    }

    /// <summary>Creates the folder, WAL mode and schema now instead of on first use.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.EnsureInitializedAsync(cancellationToken);

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = SqliteSql.Command(connection, GrainStateRows.SelectPayloadAndETag);
        AddKey(command, stateName, grainId);
        await GrainStateRows.ReadAsync(command, grainState, _json);
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var payload = JsonSerializer.Serialize(grainState.State, _json);
        var expected = grainState.ETag;
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var eTag = await SqliteSql.NextETagAsync(connection, transaction, CancellationToken.None);

        await using var command = expected is null
            ? SqliteSql.Command(connection,
                "INSERT INTO actorcity_grain_state (grain_type, grain_key, state_name, payload, etag) " +
                "VALUES (@type, @key, @name, @payload, @etag) ON CONFLICT DO NOTHING;", transaction)
            : SqliteSql.Command(connection,
                "UPDATE actorcity_grain_state SET payload = @payload, etag = @etag, updated_at = CURRENT_TIMESTAMP " +
                $"WHERE {Key} AND etag = @expected;", transaction);
        AddKey(command, stateName, grainId);
        command.Parameters.AddWithValue("@payload", payload);
        command.Parameters.AddWithValue("@etag", eTag);
        if (expected is not null)
        {
            command.Parameters.AddWithValue("@expected", ETags.TryParse(expected, out var version) ? version : -1L);
        }

        if (await command.ExecuteNonQueryAsync() != 1)
        {
            await transaction.RollbackAsync();
            var stored = await ReadETagAsync(connection, stateName, grainId);
            Log.StateWriteConflict(_logger, grainId.ToString(), stateName, expected, stored);
            throw ETags.Conflict("Write", grainId, stateName, expected, stored);
        }

        await transaction.CommitAsync();
        grainState.ETag = ETags.Format(eTag);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var expected = grainState.ETag;
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        if (expected is null || !ETags.TryParse(expected, out var version))
        {
            // Nothing to delete when we believe there is no record; the check still refuses
            // when someone else has written one meanwhile.
            var stored = await ReadETagAsync(connection, stateName, grainId);
            if (stored is not null || expected is not null)
            {
                Log.StateClearConflict(_logger, grainId.ToString(), stateName, expected, stored);
                throw ETags.Conflict("Clear", grainId, stateName, expected, stored);
            }
        }
        else
        {
            await using var command = SqliteSql.Command(connection, $"DELETE FROM actorcity_grain_state WHERE {Key} AND etag = @expected;");
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("@expected", version);
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                var stored = await ReadETagAsync(connection, stateName, grainId);
                Log.StateClearConflict(_logger, grainId.ToString(), stateName, expected, stored);
                throw ETags.Conflict("Clear", grainId, stateName, expected, stored);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static async Task<string?> ReadETagAsync(SqliteConnection connection, string stateName, GrainId grainId)
    {
        await using var command = SqliteSql.Command(connection, $"SELECT etag FROM actorcity_grain_state WHERE {Key};");
        AddKey(command, stateName, grainId);
        return await command.ExecuteScalarAsync() is long stored ? ETags.Format(stored) : null;
    }

    private static void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("@type", grainId.Type);
        command.Parameters.AddWithValue("@key", grainId.Key);
        command.Parameters.AddWithValue("@name", stateName);
    }
}
