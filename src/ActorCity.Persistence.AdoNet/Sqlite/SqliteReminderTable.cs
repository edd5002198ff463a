using ActorCity.Runtime;
using Microsoft.Extensions.Logging;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Durable reminders in a SQLite file (single silo: the whole table is reloaded on start).</summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string UpsertSql =
        $"INSERT INTO actorcity_reminders ({ReminderRows.Columns}) VALUES (@type, @key, @name, @start, @period, @etag) " +
        "ON CONFLICT (grain_type, grain_key, reminder_name) DO UPDATE SET " +
        "start_at_ticks = excluded.start_at_ticks, period_ticks = excluded.period_ticks, etag = excluded.etag;";

    private readonly SqliteDatabase _database;
    private readonly ReminderRows _rows;

    public SqliteReminderTable(SqliteStorageOptions options, ILogger<SqliteReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options, logger);
        _rows = new ReminderRows(_database, logger);
    }

    public Task InitAsync(CancellationToken cancellationToken = default) => _database.EnsureInitializedAsync(cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default) =>
        _rows.ReadAllAsync(cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        _rows.ReadGrainAsync(grainId, cancellationToken);

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default) =>
        _rows.ReadOneAsync(grainId, reminderName, cancellationToken);

    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: the write lock is taken before the ETag is drawn, so no other writer interleaves.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var eTag = await SqliteSql.NextETagAsync(connection, transaction, cancellationToken);
        await using var command = connection.Command(UpsertSql, transaction);
        ReminderRows.AddEntry(command, entry);
        command.AddParameter("@etag", eTag);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ETags.Format(eTag);
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default) =>
        _rows.RemoveAsync(grainId, reminderName, eTag, cancellationToken);
}
