using ActorCity.Runtime;
using Microsoft.Extensions.Logging;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Durable reminders in PostgreSQL.</summary>
public sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable
{
    private const string UpsertSql =
        $"INSERT INTO actorcity_reminders ({ReminderRows.Columns}) " +
        "VALUES (@type, @key, @name, @start, @period, nextval('actorcity_etag_seq')) " +
        "ON CONFLICT (grain_type, grain_key, reminder_name) DO UPDATE SET " +
        "start_at_ticks = excluded.start_at_ticks, period_ticks = excluded.period_ticks, etag = excluded.etag " +
        "RETURNING etag;";

    private readonly PostgresDatabase _database;
    private readonly ReminderRows _rows;

    public PostgresReminderTable(PostgresStorageOptions options, ILogger<PostgresReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new PostgresDatabase(options, logger);
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
        // One statement, no transaction: the sequence draws the ETag and RETURNING hands it back.
        await using var command = connection.Command(UpsertSql);
        ReminderRows.AddEntry(command, entry);
        var eTag = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return ETags.Format(eTag);
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default) =>
        _rows.RemoveAsync(grainId, reminderName, eTag, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
