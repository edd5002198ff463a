using System.Data.Common;
using ActorCity.Runtime;
using Microsoft.Extensions.Logging;

namespace ActorCity.Persistence.AdoNet;

/// <summary>
/// The reminder steps both stores share (same columns, same ETag check): reads and removal.
/// Each store upserts rows itself, because that is where they draw ETags differently.
/// </summary>
internal sealed class ReminderRows(IAdoNetDatabase database, ILogger logger)
{
    public const string Columns = "grain_type, grain_key, reminder_name, start_at_ticks, period_ticks, etag";

    private const string Select = $"SELECT {Columns} FROM actorcity_reminders";
    private const string OfGrain = "grain_type = @type AND grain_key = @key";

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.Command($"{Select} ORDER BY grain_type, grain_key, reminder_name;");
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadGrainAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = GrainCommand(connection, $"{Select} WHERE {OfGrain} ORDER BY reminder_name;", grainId);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<ReminderEntry?> ReadOneAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = GrainCommand(connection, $"{Select} WHERE {OfGrain} AND reminder_name = @name;", grainId);
        command.AddParameter("@name", reminderName);
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!ETags.TryParse(eTag, out var version))
        {
            Log.ReminderRemoveConflict(logger, grainId.ToString(), reminderName, eTag);
            return false;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = GrainCommand(connection, $"DELETE FROM actorcity_reminders WHERE {OfGrain} AND reminder_name = @name AND etag = @etag;", grainId);
        command.AddParameter("@name", reminderName);
        command.AddParameter("@etag", version);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return true;
        }

        Log.ReminderRemoveConflict(logger, grainId.ToString(), reminderName, eTag);
        return false;
    }

    /// <summary>Binds every column of <paramref name="entry"/> but the ETag, which each store draws its own way.</summary>
    public static void AddEntry(DbCommand command, ReminderEntry entry)
    {
        AddGrain(command, entry.GrainId);
        command.AddParameter("@name", entry.ReminderName);
        command.AddParameter("@start", entry.StartAt.UtcTicks);
        command.AddParameter("@period", entry.Period.Ticks);
    }

    private static DbCommand GrainCommand(DbConnection connection, string sql, GrainId grainId)
    {
        var command = connection.Command(sql);
        AddGrain(command, grainId);
        return command;
    }

    private static void AddGrain(DbCommand command, GrainId grainId)
    {
        command.AddParameter("@type", grainId.Type);
        command.AddParameter("@key", grainId.Key);
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static ReminderEntry Read(DbDataReader reader) =>
        new(
            new GrainId(reader.GetString(0), reader.GetString(1)),
            reader.GetString(2),
            new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
            TimeSpan.FromTicks(reader.GetInt64(4)))
        {
            ETag = ETags.Format(reader.GetInt64(5)),
        };
}
