using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorCity.Runtime;
using ActorCity.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace ActorCity.Persistence.AdoNet;

/// <summary>
/// The grain-state steps both stores share (same columns, same ETag checks): reads, clears, and the
/// refusal of a stale write. Each store writes rows itself, because that is where they differ.
/// </summary>
/// <remarks>
/// Grain states are written and read with the storage's <see cref="JsonSerializerOptions"/>: by reflection with
/// <see cref="GrainStateJson.DefaultOptions"/>, or from compile-time metadata with <see cref="GrainStateJson.For"/>,
/// which is what a native build must pass (the actorcity CLI's simulation does).
/// </remarks>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The options decide: the native CLI passes GrainStateJson.For(GrainStateJsonContext.Default), source-generated; reflection options are used on the JIT runtime only.")]
[UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As for IL2026.")]
internal sealed class GrainStateRows(IAdoNetDatabase database, JsonSerializerOptions json, ILogger logger)
{
    /// <summary>The row of one grain's named state.</summary>
    public const string KeyCondition = "grain_type = @type AND grain_key = @key AND state_name = @name";

    public string Serialize<TState>(TState state) => JsonSerializer.Serialize(state, json);

    /// <summary>Fills <paramref name="grainState"/> from its row; no row leaves State untouched and RecordExists false.</summary>
    public async Task ReadAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = KeyCommand(connection, $"SELECT payload, etag FROM actorcity_grain_state WHERE {KeyCondition};", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = JsonSerializer.Deserialize<TState>(reader.GetString(0), json)!;
        grainState.ETag = ETags.Format(reader.GetInt64(1));
        grainState.RecordExists = true;
    }

    public async Task ClearAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var expected = grainState.ETag;
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var deleted = ETags.TryParse(expected, out var version) && await DeleteAsync(connection, stateName, grainId, version);
        if (!deleted)
        {
            // Deleting nothing is right only when we believed there was no record and there still
            // is none: the check refuses when someone else has written one meanwhile.
            var stored = await ReadETagAsync(connection, stateName, grainId);
            if (stored is not null || expected is not null)
            {
                Log.StateClearConflict(logger, grainId.ToString(), stateName, expected, stored);
                throw ETags.Conflict("Clear", grainId, stateName, expected, stored);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Reads the ETag a refused write lost to, logs the refusal and returns the exception to throw.</summary>
    public async Task<InconsistentStateException> WriteRefusedAsync(DbConnection connection, string stateName, GrainId grainId, string? expected)
    {
        var stored = await ReadETagAsync(connection, stateName, grainId);
        Log.StateWriteConflict(logger, grainId.ToString(), stateName, expected, stored);
        return ETags.Conflict("Write", grainId, stateName, expected, stored);
    }

    /// <summary>A command on one grain's named state (<see cref="KeyCondition"/>), its key bound.</summary>
    public static DbCommand KeyCommand(DbConnection connection, string sql, string stateName, GrainId grainId, DbTransaction? transaction = null)
    {
        var command = connection.Command(sql, transaction);
        command.AddParameter("@type", grainId.Type);
        command.AddParameter("@key", grainId.Key);
        command.AddParameter("@name", stateName);
        return command;
    }

    private static async Task<bool> DeleteAsync(DbConnection connection, string stateName, GrainId grainId, long version)
    {
        await using var command = KeyCommand(connection, $"DELETE FROM actorcity_grain_state WHERE {KeyCondition} AND etag = @expected;", stateName, grainId);
        command.AddParameter("@expected", version);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private static async Task<string?> ReadETagAsync(DbConnection connection, string stateName, GrainId grainId)
    {
        await using var command = KeyCommand(connection, $"SELECT etag FROM actorcity_grain_state WHERE {KeyCondition};", stateName, grainId);
        return await command.ExecuteScalarAsync() is long stored ? ETags.Format(stored) : null;
    }
}
