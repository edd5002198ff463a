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
    private long _version;

    public Task InitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values.OrderBy(r => r.GrainId.ToString(), StringComparer.Ordinal).ThenBy(r => r.ReminderName, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values.Where(r => r.GrainId == grainId).OrderBy(r => r.ReminderName, StringComparer.Ordinal)]);

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? row : null);

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        _rows[(entry.GrainId, entry.ReminderName)] = entry with { ETag = etag };
        return Task.FromResult(etag);
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        var key = (grainId, reminderName);
        return Task.FromResult(_rows.TryGetValue(key, out var row) && row.ETag == eTag && _rows.TryRemove(KeyValuePair.Create(key, row)));
    }
}
