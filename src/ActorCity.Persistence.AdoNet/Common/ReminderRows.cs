using System.Data.Common;
using ActorCity.Runtime;

namespace ActorCity.Persistence.AdoNet;

/// <summary>Maps reminder rows; both stores use the same columns.</summary>
internal static class ReminderRows
{
    public const string Columns = "grain_type, grain_key, reminder_name, start_at_ticks, period_ticks, etag";

    public static ReminderEntry Read(DbDataReader reader) =>
        new(
            new GrainId(reader.GetString(0), reader.GetString(1)),
            reader.GetString(2),
            new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
            TimeSpan.FromTicks(reader.GetInt64(4)))
        {
            ETag = ETags.Format(reader.GetInt64(5)),
        };

    public static async Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }
}
