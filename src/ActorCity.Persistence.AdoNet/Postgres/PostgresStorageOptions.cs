using System.Text.Json;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Options of the PostgreSQL grain storage and reminder table.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>The environment variable read when <see cref="ConnectionString"/> is not set.</summary>
    public const string ConnectionStringEnvironmentVariable = "ACTORCITY_POSTGRES";

    /// <summary>
    /// An Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>).
    /// Default: null, meaning the value of the <c>ACTORCITY_POSTGRES</c> environment variable;
    /// keep passwords out of committed configuration.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Run deploy/sql/postgresql.sql (idempotent) on first use. Default: true.</summary>
    public bool CreateSchema { get; set; } = true;

    /// <summary>Serializer for grain state. Default: null, meaning <see cref="GrainStateJson.DefaultOptions"/>.</summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    internal string ResolveConnectionString() => ResolveConnectionString(Environment.GetEnvironmentVariable);

    internal string ResolveConnectionString(Func<string, string?> environment) =>
        (string.IsNullOrWhiteSpace(ConnectionString) ? null : ConnectionString)
        ?? (environment(ConnectionStringEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null)
        ?? throw new InvalidOperationException(
            $"No PostgreSQL connection string: set {nameof(PostgresStorageOptions)}.{nameof(ConnectionString)} " +
            $"or the {ConnectionStringEnvironmentVariable} environment variable.");
}
