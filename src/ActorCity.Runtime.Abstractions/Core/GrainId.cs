namespace ActorCity.Runtime;

/// <summary>
/// The identity of a grain: its grain type (the implementing class's name) and its key.
/// Integer and Guid keys are carried in their invariant string form.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
