namespace ActorCity.Simulation.Engine;

/// <summary>
/// Independent seeded streams per purpose, so that two variants run on the same seed see the same problems
/// (arrivals) and the same inspection sample even when their crews or policies make them diverge (common random numbers).
/// </summary>
public sealed class RandomStreams(int seed)
{
    /// <summary>What is found, where and when, and how long it takes to fix.</summary>
    public Random Arrivals { get; } = new(Seeds.Derive(seed, 1));

    /// <summary>Delays, verification outcomes and recurrences.</summary>
    public Random Work { get; } = new(Seeds.Derive(seed, 2));

    /// <summary>The inspection's sample.</summary>
    public Random Inspection { get; } = new(Seeds.Derive(seed, 3));
}

/// <summary>Seed derivation (documented in docs/scenarios.md): SplitMix64 over the base seed and an index.</summary>
public static class Seeds
{
    /// <summary>
    /// <c>Derive(seed, i) = (int)(SplitMix64((ulong)(uint)seed * 0x9E3779B97F4A7C15 + (ulong)i) &gt;&gt; 33)</c>, a non-negative int.
    /// Replication i (0-based) runs with <c>Derive(seed, 1000 + i)</c>.
    /// </summary>
    public static int Derive(int seed, int index)
    {
        var z = unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + (ulong)index);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z >> 33);
    }

    public static int ForReplication(int seed, int replication) => Derive(seed, 1000 + replication);
}
