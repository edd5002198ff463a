using System.Data.Common;
using System.Text.Json;
using ActorCity.Runtime.Storage;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Reads a grain-state row; both stores use the same columns.</summary>
internal static class GrainStateRows
{
    /// <summary>The row of one grain's named state.</summary>
    public const string KeyCondition = "grain_type = @type AND grain_key = @key AND state_name = @name";

    public const string SelectPayloadAndETag = $"SELECT payload, etag FROM actorcity_grain_state WHERE {KeyCondition};";

    /// <summary>Fills <paramref name="grainState"/> from the command's row; no row leaves State untouched and RecordExists false.</summary>
    public static async Task ReadAsync<TState>(DbCommand command, IGrainState<TState> grainState, JsonSerializerOptions json)
    {
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
}
