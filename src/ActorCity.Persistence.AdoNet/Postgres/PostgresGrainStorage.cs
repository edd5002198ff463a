using ActorCity.Runtime;
using ActorCity.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Grain state in PostgreSQL (the production store).</summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const string InsertSql =
        "INSERT INTO actorcity_grain_state (grain_type, grain_key, state_name, payload, etag) " +
        "VALUES (@type, @key, @name, @payload, nextval('actorcity_etag_seq')) ON CONFLICT DO NOTHING RETURNING etag;";

    private const string UpdateSql =
        "UPDATE actorcity_grain_state SET payload = @payload, etag = nextval('actorcity_etag_seq'), updated_at = now() " +
        $"WHERE {GrainStateRows.KeyCondition} AND etag = @expected RETURNING etag;";

    private readonly PostgresDatabase _database;
    private readonly GrainStateRows _rows;

    public PostgresGrainStorage(PostgresStorageOptions options, ILogger<PostgresGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new PostgresDatabase(options, logger);
        _rows = new GrainStateRows(_database, options.SerializerOptions ?? GrainStateJson.DefaultOptions, logger);
    }

    /// <summary>Creates the schema now instead of on first use.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.EnsureInitializedAsync(cancellationToken);

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState) =>
        _rows.ReadAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var payload = _rows.Serialize(grainState.State);
        var expected = grainState.ETag;
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        // One statement, no transaction: the sequence draws the ETag and RETURNING hands it back.
        await using var command = GrainStateRows.KeyCommand(connection, expected is null ? InsertSql : UpdateSql, stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter("@payload", NpgsqlDbType.Json) { Value = payload });
        if (expected is not null)
        {
            command.AddParameter("@expected", ETags.TryParse(expected, out var version) ? version : -1L);
        }

        if (await command.ExecuteScalarAsync() is not long eTag)
        {
            throw await _rows.WriteRefusedAsync(connection, stateName, grainId, expected);
        }

        grainState.ETag = ETags.Format(eTag);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState) =>
        _rows.ClearAsync(stateName, grainId, grainState);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
