using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorCity.Persistence.AdoNet;

/// <summary>The JSON shape of stored grain state.</summary>
public static class GrainStateJson
{
    /// <summary>
    /// camelCase web defaults, enums as strings, and polymorphic "$type" metadata accepted in any
    /// position. Records, immutable collections and <see cref="DateTimeOffset"/> work as they are.
    /// </summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateDefaultOptions();

    private static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            AllowOutOfOrderMetadataProperties = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
