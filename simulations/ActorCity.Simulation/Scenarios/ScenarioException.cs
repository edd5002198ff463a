namespace ActorCity.Simulation.Scenarios;

/// <summary>A scenario, or an override applied to it, is invalid. Each error names the field path it is about.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<string> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(IReadOnlyList<string> errors)
        => errors.Count == 1 ? errors[0] : $"{errors.Count} errors:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors);
}
