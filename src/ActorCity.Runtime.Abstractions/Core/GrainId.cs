namespace ActorCity.Runtime;

/// <summary>
/// The identity of a grain: its grain type (the implementing class's name) and its key.
/// Integer and Guid keys are carried in their invariant string form.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";

    /// <summary>Parses the form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{value}' is not a grain id: expected 'type/key'.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }
}
