using System.Collections.Concurrent;
using System.Globalization;

namespace ActorCity.Runtime.Reminders;

/// <summary>
/// Reminders in process memory: durable only as long as this instance lives. Tests share one instance between two
/// silos to model a restart; production uses the SQLite or PostgreSQL table.
/// </summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ReminderEntry> _rows = new();
    private static readonly Task<bool> s_true = Task.FromResult(true);
    private static readonly Task<bool> s_false = Task.FromResult(false);
    private long _version;

    public Task InitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values.OrderBy(r => r.GrainId.ToString(), StringComparer.Ordinal).ThenBy(r => r.ReminderName, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values.Where(r => r.GrainId == grainId).OrderBy(r => r.ReminderName, StringComparer.Ordinal)]);

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? row : null);

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default) =>
        Task.FromResult(Upsert(entry.GrainId, entry.ReminderName, entry.StartAt, entry.Period));

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default) =>
        Remove(grainId, reminderName, eTag) ? s_true : s_false;

    /// <summary><see cref="UpsertRowAsync"/> without the task: the reminder service's path when the table is this one.</summary>
    internal string Upsert(GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period)
    {
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        _rows[(grainId, reminderName)] = new ReminderEntry(grainId, reminderName, startAt, period) { ETag = etag };
        return etag;
    }

    /// <summary><see cref="RemoveRowAsync"/> without the task.</summary>
    internal bool Remove(GrainId grainId, string reminderName, string eTag)
    {
        var key = (grainId, reminderName);
        return _rows.TryGetValue(key, out var row) && row.ETag == eTag && _rows.TryRemove(KeyValuePair.Create(key, row));
    }
}
