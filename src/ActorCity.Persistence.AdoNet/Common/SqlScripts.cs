namespace ActorCity.Persistence.AdoNet;

/// <summary>The schema scripts of deploy/sql, embedded at build time.</summary>
internal static class SqlScripts
{
    public const string PostgreSql = "postgresql.sql";
    public const string Sqlite = "sqlite.sql";

    public static string Load(string fileName)
    {
        var resource = $"ActorCity.Persistence.AdoNet.Sql.{fileName}";
        using var stream = typeof(SqlScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script '{resource}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
