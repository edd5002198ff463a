using System.Diagnostics.CodeAnalysis;
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

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reflection JSON of grain states; the native CLI refuses SQLite storage (SimulateCommand), every other host runs on the JIT runtime.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As for IL2026: unreachable in the native CLI.")]
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
