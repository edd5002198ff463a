using System.ComponentModel;

namespace ActorCity.Runtime;

/// <summary>
/// Hands the activation under construction to the <see cref="Grain"/> constructor, as Orleans does,
/// so a grain can read its identity from its own constructor.
/// </summary>
public static class RuntimeContext
{
    [ThreadStatic]
    private static IGrainContext? t_activating;

    /// <summary>The grain context being constructed on this thread, if any.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IGrainContext? Activating
    {
        get => t_activating;
        internal set => t_activating = value;
    }
}
