namespace ActorCity.Runtime.Hosting;

/// <summary>Silo settings. Each default is what a single production silo wants.</summary>
public sealed class SiloOptions
{
    /// <summary>The silo's name in logs and metrics. Default: "silo".</summary>
    public string SiloName { get; set; } = "silo";

    /// <summary>A call with no response after this long fails with <see cref="TimeoutException"/> (wall clock). Default: 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation unused this long (grain clock) is deactivated. Default: 15 min; <see cref="Timeout.InfiniteTimeSpan"/> disables collection.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (grain clock). Default: 1 min.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long OnActivateAsync may take before its cancellation token fires (wall clock). Default: 30 s.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long OnDeactivateAsync may take before its cancellation token fires (wall clock). Default: 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        Positive(ResponseTimeout, nameof(ResponseTimeout));
        Positive(CollectionQuantum, nameof(CollectionQuantum));
        Positive(ActivationTimeout, nameof(ActivationTimeout));
        Positive(DeactivationTimeout, nameof(DeactivationTimeout));
        if (CollectionAge != Timeout.InfiniteTimeSpan)
        {
            Positive(CollectionAge, nameof(CollectionAge));
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"SiloOptions.{name} must be positive.");
        }
    }
}
