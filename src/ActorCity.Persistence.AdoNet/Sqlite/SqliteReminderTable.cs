using ActorCity.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Durable reminders in a SQLite file (single silo: the whole table is reloaded on start).</summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Select = $"SELECT {ReminderRows.Columns} FROM actorcity_reminders";

    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;

    public SqliteReminderTable(SqliteStorageOptions options, ILogger<SqliteReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _database = new SqliteDatabase(options, logger);
    }

    public Task InitAsync(CancellationToken cancellationToken = default) => _database.EnsureInitializedAsync(cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = SqliteSql.Command(connection, $"{Select} ORDER BY grain_type, grain_key, reminder_name;");
        return await ReminderRows.ReadAllAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = SqliteSql.Command(connection, $"{Select} WHERE grain_type = @type AND grain_key = @key ORDER BY reminder_name;");
        AddGrain(command, grainId);
        return await ReminderRows.ReadAllAsync(command, cancellationToken);
    }

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = SqliteSql.Command(connection, $"{Select} WHERE grain_type = @type AND grain_key = @key AND reminder_name = @name;");
        AddGrain(command, grainId);
        command.Parameters.AddWithValue("@name", reminderName);
        var rows = await ReminderRows.ReadAllAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var eTag = await SqliteSql.NextETagAsync(connection, transaction, cancellationToken);
        await using var command = SqliteSql.Command(connection,
            $"INSERT INTO actorcity_reminders ({ReminderRows.Columns}) VALUES (@type, @key, @name, @start, @period, @etag) " +
            "ON CONFLICT (grain_type, grain_key, reminder_name) DO UPDATE SET " +
            "start_at_ticks = excluded.start_at_ticks, period_ticks = excluded.period_ticks, etag = excluded.etag;",
            transaction);
        AddGrain(command, entry.GrainId);
        command.Parameters.AddWithValue("@name", entry.ReminderName);
        command.Parameters.AddWithValue("@start", entry.StartAt.UtcTicks);
        command.Parameters.AddWithValue("@period", entry.Period.Ticks);
        command.Parameters.AddWithValue("@etag", eTag);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ETags.Format(eTag);
    }

    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        if (!ETags.TryParse(eTag, out var version))
        {
            Log.ReminderRemoveConflict(_logger, grainId.ToString(), reminderName, eTag);
            return false;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = SqliteSql.Command(connection,
            "DELETE FROM actorcity_reminders WHERE grain_type = @type AND grain_key = @key AND reminder_name = @name AND etag = @etag;");
        AddGrain(command, grainId);
        command.Parameters.AddWithValue("@name", reminderName);
        command.Parameters.AddWithValue("@etag", version);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return true;
        }

        Log.ReminderRemoveConflict(_logger, grainId.ToString(), reminderName, eTag);
        return false;
    }

    private static void AddGrain(SqliteCommand command, GrainId grainId)
    {
        command.Parameters.AddWithValue("@type", grainId.Type);
        command.Parameters.AddWithValue("@key", grainId.Key);
    }
}
