using System.Text.Json;
using ActorCity.Runtime;
using ActorCity.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Grain state in PostgreSQL (the production store).</summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const string Key = GrainStateRows.KeyCondition;

    private const string InsertSql =
        "INSERT INTO actorcity_grain_state (grain_type, grain_key, state_name, payload, etag) " +
        "VALUES (@type, @key, @name, @payload, nextval('actorcity_etag_seq')) ON CONFLICT DO NOTHING RETURNING etag;";

    private const string UpdateSql =
        "UPDATE actorcity_grain_state SET payload = @payload, etag = nextval('actorcity_etag_seq'), updated_at = now() " +
        $"WHERE {Key} AND etag = @expected RETURNING etag;";

    private readonly PostgresDatabase _database;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger _logger;

    public PostgresGrainStorage(PostgresStorageOptions options, ILogger<PostgresGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _database = new PostgresDatabase(options, logger);
        _json = options.SerializerOptions ?? GrainStateJson.DefaultOptions;
    }

    /// <summary>Creates the schema now instead of on first use.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.EnsureInitializedAsync(cancellationToken);

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(GrainStateRows.SelectPayloadAndETag, connection);
        AddKey(command, stateName, grainId);
        await GrainStateRows.ReadAsync(command, grainState, _json);
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var payload = JsonSerializer.Serialize(grainState.State, _json);
        var expected = grainState.ETag;
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(expected is null ? InsertSql : UpdateSql, connection);
        AddKey(command, stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Json) { Value = payload });
        if (expected is not null)
        {
            command.Parameters.AddWithValue("expected", ETags.TryParse(expected, out var version) ? version : -1L);
        }

        if (await command.ExecuteScalarAsync() is not long eTag)
        {
            var stored = await ReadETagAsync(connection, stateName, grainId);
            Log.StateWriteConflict(_logger, grainId.ToString(), stateName, expected, stored);
            throw ETags.Conflict("Write", grainId, stateName, expected, stored);
        }

        grainState.ETag = ETags.Format(eTag);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var expected = grainState.ETag;
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        if (expected is null || !ETags.TryParse(expected, out var version))
        {
            // Nothing to delete when we believe there is no record; still refuse if one appeared.
            var stored = await ReadETagAsync(connection, stateName, grainId);
            if (stored is not null || expected is not null)
            {
                Log.StateClearConflict(_logger, grainId.ToString(), stateName, expected, stored);
                throw ETags.Conflict("Clear", grainId, stateName, expected, stored);
            }
        }
        else
        {
            await using var command = new NpgsqlCommand($"DELETE FROM actorcity_grain_state WHERE {Key} AND etag = @expected;", connection);
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("expected", version);
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

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static async Task<string?> ReadETagAsync(NpgsqlConnection connection, string stateName, GrainId grainId)
    {
        await using var command = new NpgsqlCommand($"SELECT etag FROM actorcity_grain_state WHERE {Key};", connection);
        AddKey(command, stateName, grainId);
        return await command.ExecuteScalarAsync() is long stored ? ETags.Format(stored) : null;
    }

    private static void AddKey(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("type", grainId.Type);
        command.Parameters.AddWithValue("key", grainId.Key);
        command.Parameters.AddWithValue("name", stateName);
    }
}
