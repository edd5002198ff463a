using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ActorCity.Persistence.AdoNet;

/// <summary>The JSON shape of stored grain state.</summary>
public static class GrainStateJson
{
    /// <summary>
    /// camelCase web defaults, enums as strings, and polymorphic "$type" metadata accepted in any
    /// position. Records, immutable collections and <see cref="DateTimeOffset"/> work as they are.
    /// </summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateDefaultOptions();

    /// <summary>
    /// The same shape with compile-time metadata instead of reflection, for a host that cannot use reflection (a native
    /// build): <paramref name="resolver"/> (a <see cref="JsonSerializerContext"/>) must know every state type stored
    /// and write enums as strings (<c>[JsonSourceGenerationOptions(UseStringEnumConverter = true)]</c>).
    /// </summary>
    public static JsonSerializerOptions For(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = resolver,
        };
        options.MakeReadOnly();
        return options;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reflection JSON of grain states, for hosts on the JIT runtime; a native host passes For(...) options instead (the actorcity CLI does).")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As for IL2026.")]
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
