using Microsoft.Data.Sqlite;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Statements shared by the SQLite providers.</summary>
internal static class SqliteSql
{
    /// <summary>
    /// Takes the next ETag from the counter inside the caller's write transaction, so a refused
    /// write (rolled back) consumes nothing.
    /// </summary>
    public static async Task<long> NextETagAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("UPDATE actorcity_sequence SET value = value + 1 WHERE name = 'etag' RETURNING value;", transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException("The actorcity_sequence row 'etag' is missing: run deploy/sql/sqlite.sql.");
        return (long)value;
    }
}
