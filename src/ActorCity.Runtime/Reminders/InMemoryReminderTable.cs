using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ActorCity.Runtime.Reminders;

/// <summary>
/// Reminders in process memory: durable only as long as this instance lives. Tests share one instance between two
/// silos to model a restart; production uses the SQLite or PostgreSQL table.
/// </summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    // Not a concurrent dictionary: its node per row would live as long as the reminder (see ShardedMap).
    private readonly ShardedMap<ReminderKey, Row> _rows = new();
    private static readonly Task<bool> s_true = Task.FromResult(true);
    private static readonly Task<bool> s_false = Task.FromResult(false);
    private long _version;

    public Task InitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. Entries(_rows.Values()).OrderBy(r => r.GrainId.ToString(), StringComparer.Ordinal).ThenBy(r => r.ReminderName, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([.. Entries(_rows.Values().Where(r => r.GrainId == grainId)).OrderBy(r => r.ReminderName, StringComparer.Ordinal)]);

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(grainId, reminderName)?.ToEntry());

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        Row? row = null;
        var version = Upsert(ref row, entry.GrainId, entry.ReminderName, entry.StartAt, entry.Period);
        return Task.FromResult(ETagOf(version));
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default) =>
        Remove(grainId, reminderName, eTag) ? s_true : s_false;

    /// <summary>
    /// <see cref="UpsertRowAsync"/> without the task, the ETag string or a new row: the reminder service's path when the
    /// table is this one. An update of the <paramref name="row"/> the caller got last time changes it in place, without
    /// a lookup, while it is still the stored row; otherwise the row is found or added by key and handed back.
    /// Returns the new version, the ETag's number.
    /// </summary>
    internal long Upsert([NotNull] ref Row? row, GrainId grainId, string reminderName, DateTimeOffset startAt, TimeSpan period)
    {
        if (row is not null && row.TrySet(startAt, period, ref _version) is var updated and not 0)
        {
            return updated;
        }

        while (true)
        {
            // A row found removed was taken out of the dictionary under its lock, so the next lookup misses it.
            row = _rows.GetOrAdd(new ReminderKey(grainId, reminderName), static (key, _) => new Row(key.GrainId, key.Name), 0);
            if (row.TrySet(startAt, period, ref _version) is var version and not 0)
            {
                return version;
            }
        }
    }

    /// <summary>Removes <paramref name="row"/> if it still holds <paramref name="version"/>: <see cref="RemoveRowAsync"/> without the lookup.</summary>
    internal bool Remove(Row row, long version)
    {
        lock (row)
        {
            if (row.Removed || row.Version != version)
            {
                return false;
            }

            return RemoveLocked(row);
        }
    }

    /// <summary><see cref="RemoveRowAsync"/> without the task.</summary>
    internal bool Remove(GrainId grainId, string reminderName, string eTag)
    {
        if (Find(grainId, reminderName) is not { } row)
        {
            return false;
        }

        lock (row)
        {
            if (row.Removed || row.Version == 0 || row.ETag != eTag)
            {
                return false;
            }

            return RemoveLocked(row);
        }
    }

    private bool RemoveLocked(Row row)
    {
        // Only this method takes a row out, under the row's lock and once it is not yet removed: the key still maps to it.
        row.Removed = true;
        return _rows.Remove(new ReminderKey(row.GrainId, row.Name), out _);
    }

    private Row? Find(GrainId grainId, string reminderName) => _rows.Find(new ReminderKey(grainId, reminderName));

    private static IEnumerable<ReminderEntry> Entries(IEnumerable<Row> rows)
    {
        foreach (var row in rows)
        {
            if (row.ToEntry() is { } entry)
            {
                yield return entry;
            }
        }
    }

    internal static string ETagOf(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One stored reminder, changed in place on update so that re-arming allocates nothing; readers get a
    /// <see cref="ReminderEntry"/> copy. Fields other than the key are guarded by locking the row, which only this
    /// table and its caller in the reminder service see. Version 0: added but not yet written.
    /// </summary>
    internal sealed class Row(GrainId grainId, string name)
    {
        private string? _etag;

        // Not the key with its hash: in a row the hash's padding would not pack with the flag below, and a row lives as
        // long as its reminder; a removal hashes again.
        public GrainId GrainId { get; } = grainId;

        public string Name { get; } = name;

        public DateTimeOffset StartAt { get; private set; }

        public TimeSpan Period { get; private set; }

        public long Version { get; private set; }

        public bool Removed { get; set; }

        /// <summary>Formatted on demand: only reads and removals by ETag string need it.</summary>
        public string ETag => _etag ??= ETagOf(Version);

        /// <summary>Writes the schedule under a new version; 0 when the row was removed.</summary>
        public long TrySet(DateTimeOffset startAt, TimeSpan period, ref long versions)
        {
            lock (this)
            {
                if (Removed)
                {
                    return 0;
                }

                StartAt = startAt;
                Period = period;
                Version = Interlocked.Increment(ref versions);
                _etag = null;
                return Version;
            }
        }

        public ReminderEntry? ToEntry()
        {
            lock (this)
            {
                return Removed || Version == 0 ? null : new ReminderEntry(GrainId, Name, StartAt, Period) { ETag = ETag };
            }
        }
    }
}
