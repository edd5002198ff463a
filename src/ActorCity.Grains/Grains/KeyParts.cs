namespace ActorCity.Grains;

/// <summary>Splits "campaign/kind/code" keys made by <see cref="GrainKeys"/>.</summary>
internal static class KeyParts
{
    public static (string CampaignId, string Code) Split(string key, string kind)
    {
        var marker = "/" + kind + "/";
        var at = key.LastIndexOf(marker, StringComparison.Ordinal);
        return at <= 0
            ? throw new DomainException(DomainErrors.InvalidCommand, $"Key '{key}' is not of the form campaign{marker}code (use GrainKeys).")
            : (key[..at], key[(at + marker.Length)..]);
    }
}
