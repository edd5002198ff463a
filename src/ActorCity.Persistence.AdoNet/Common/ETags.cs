using System.Globalization;
using ActorCity.Runtime;
using ActorCity.Runtime.Storage;

namespace ActorCity.Persistence.AdoNet;

/// <summary>ETags are the decimal form of a stored version number.</summary>
internal static class ETags
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>False for an ETag no provider of ours ever issued: it can match no stored version.</summary>
    public static bool TryParse(string? eTag, out long version) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out version);

    public static InconsistentStateException Conflict(string operation, GrainId grainId, string stateName, string? expected, string? stored) =>
        new(
            $"{operation} refused for grain {grainId}, state '{stateName}': expected ETag {expected ?? "(none: new record)"}, " +
            $"stored ETag {stored ?? "(none: no record)"}. Nothing was written.",
            storedEtag: stored,
            currentEtag: expected);
}
