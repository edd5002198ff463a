namespace ActorCity.Runtime.Reminders;

/// <summary>A reminder's grain and name with their hash, computed once per key rather than on every lookup.</summary>
internal readonly struct ReminderKey(GrainId grainId, string name) : IEquatable<ReminderKey>
{
    private readonly int _hash = HashCode.Combine(grainId, name);

    public GrainId GrainId { get; } = grainId;

    public string Name { get; } = name;

    public bool Equals(ReminderKey other) => _hash == other._hash && Name == other.Name && GrainId == other.GrainId;

    public override bool Equals(object? obj) => obj is ReminderKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
