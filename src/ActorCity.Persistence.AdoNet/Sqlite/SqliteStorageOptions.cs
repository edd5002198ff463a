using System.Text.Json;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Options of the SQLite grain storage and reminder table.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The default database file, relative to the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=.data/actorcity.db";

    /// <summary>
    /// A Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=/var/lib/actorcity/actorcity.db</c>.
    /// Default: <see cref="DefaultConnectionString"/>. The file's folder is created when missing.
    /// </summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>Run deploy/sql/sqlite.sql (idempotent) on first use. Default: true.</summary>
    public bool CreateSchema { get; set; } = true;

    /// <summary>
    /// How long a statement waits for another connection's write lock before failing. Default: 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Serializer for grain state. Default: null, meaning <see cref="GrainStateJson.DefaultOptions"/>.</summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }
}
