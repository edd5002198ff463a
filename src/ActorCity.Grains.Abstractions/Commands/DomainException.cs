namespace ActorCity.Grains;

/// <summary>
/// A command broke a domain rule. <see cref="Code"/> is stable (see <see cref="DomainErrors"/>); the message names the rule.
/// The grain that throws it has changed nothing.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message)
        : base($"[{code}] {message}")
    {
        Code = code;
    }

    public DomainException()
        : this(DomainErrors.InvalidCommand, "Invalid command.")
    {
    }

    public DomainException(string message)
        : this(DomainErrors.InvalidCommand, message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = DomainErrors.InvalidCommand;
    }

    public string Code { get; }

    /// <summary>Parses the code back out of a message, for callers that only see the message text.</summary>
    public static string? CodeOf(string message) =>
        message.Length > 2 && message[0] == '[' && message.IndexOf(']', StringComparison.Ordinal) is var end and > 1
            ? message[1..end]
            : null;
}

/// <summary>Stable error codes of <see cref="DomainException"/>.</summary>
public static class DomainErrors
{
    public const string InvalidCommand = "command.invalid";
    public const string CommandIdReused = "command.id-reused";
    public const string RoleNotAllowed = "auth.role-not-allowed";
    public const string OutOfScope = "auth.out-of-scope";
    public const string InvalidTransition = "task.invalid-transition";
    public const string TaskNotFound = "task.not-found";
    public const string TaskAlreadyExists = "task.already-exists";
    public const string UnknownCategory = "task.unknown-category";
    public const string ExtensionNeedsHeadquarters = "task.extension-needs-headquarters";
    public const string SameDepartment = "task.same-department";
    public const string CampaignNotConfigured = "campaign.not-configured";
    public const string CampaignAlreadyConfigured = "campaign.already-configured";
    public const string GridNotConfigured = "grid.not-configured";
    public const string DepartmentNotConfigured = "department.not-configured";
    public const string InspectionAlreadyRun = "inspection.already-run";
    public const string InvalidSettings = "settings.invalid";
}
