using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Runtime.Storage;

/// <summary>
/// Grain storage in process memory, with the same ETag rules as the database providers. States of types marked
/// <see cref="ImmutableAttribute"/> are kept by reference (the simulation's fast path); any other state is kept as a
/// JSON copy, so a grain mutating its state after a write cannot change what is stored.
/// </summary>
/// <param name="copyStates">
/// True (the default): mutable states are copied as described. False: every state is kept by reference, so a write
/// costs the same whatever the state's size, and the store always holds the activation's live object, including
/// changes the grain has not written yet. Only for a silo that never collects activations and never reads a state
/// back (the embedded simulation, whose run ends with the process): there nobody can tell the difference.
/// </param>
public sealed class MemoryGrainStorage(bool copyStates = true) : IGrainStorage
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    // One plain dictionary under one lock: every access is a short, uncontended critical section (the simulation
    // runs a silo on one thread), which a striped ConcurrentDictionary only made slower.
    private readonly Dictionary<(string StateName, GrainId GrainId), Record> _records = [];
    private readonly Lock _lock = new();

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        object? value = null;
        string? etag = null;
        lock (_lock)
        {
            if ((CachedRecord(grainState) ?? Find(stateName, grainId)) is { } record)
            {
                Remember(grainState, record);
                value = record.Value;
                etag = record.ETag;
            }
        }

        if (etag is not null)
        {
            grainState.State = Thaw<TState>(value);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var value = Freeze(grainState.State);
        string etag;
        lock (_lock)
        {
            var record = CachedRecord(grainState) ?? Find(stateName, grainId);
            var stored = record?.ETag;
            if (!ReferenceEquals(grainState.ETag, stored) && !string.Equals(grainState.ETag, stored, StringComparison.Ordinal))
            {
                throw Conflict(stateName, grainId, grainState.ETag, stored);
            }

            if (record is null)
            {
                record = new Record(this);
                _records.Add((stateName, grainId), record);
            }

            // Written in place: a write allocates nothing of its own beyond the first one of a record.
            Remember(grainState, record);
            etag = record.Write(value);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        lock (_lock)
        {
            if ((CachedRecord(grainState) ?? Find(stateName, grainId)) is { ETag: not null } current)
            {
                if (!string.Equals(grainState.ETag, current.ETag, StringComparison.Ordinal))
                {
                    throw Conflict(stateName, grainId, grainState.ETag, current.ETag);
                }

                current.Clear();
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private Record? Find(string stateName, GrainId grainId) => _records.TryGetValue((stateName, grainId), out var record) ? record : null;

    /// <summary>
    /// The record this state was last read from or written to, kept on the runtime's own state object: records are
    /// never removed (a cleared one stays as a tombstone), so it stays valid and spares hashing the key on every write.
    /// </summary>
    private Record? CachedRecord(object grainState) =>
        grainState is IStorageRecordHolder { StorageRecord: Record record } && ReferenceEquals(record.Owner, this) ? record : null;

    private static void Remember(object grainState, Record record)
    {
        if (grainState is IStorageRecordHolder holder)
        {
            holder.StorageRecord = record;
        }
    }

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? expected, string? stored) =>
        new($"State '{stateName}' of {grainId} was written by someone else: expected ETag '{expected ?? "(none)"}', stored '{stored ?? "(none)"}'. Nothing was written.",
            stored,
            expected);

    private object? Freeze<TState>(TState state)
    {
        if (!copyStates || ImmutableType<TState>.IsImmutable)
        {
            return state;
        }

        return RuntimeFeature.IsDynamicCodeSupported ? Copy(state) : throw NoCopiesInNativeBuild();

        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reached only where dynamic code runs (the JIT runtime), checked above.")]
        static byte[] Copy(TState state) => JsonSerializer.SerializeToUtf8Bytes(state, s_json);
    }

    private TState Thaw<TState>(object? value)
    {
        if (!copyStates || ImmutableType<TState>.IsImmutable)
        {
            return (TState)value!;
        }

        return RuntimeFeature.IsDynamicCodeSupported ? Copy((byte[])value!) : throw NoCopiesInNativeBuild();

        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reached only where dynamic code runs (the JIT runtime), checked above.")]
        static TState Copy(byte[] bytes) => JsonSerializer.Deserialize<TState>(bytes, s_json)!;
    }

    // States are copied through reflection JSON, which a native (ahead-of-time) build cannot run.
    private static NotSupportedException NoCopiesInNativeBuild() =>
        new("Memory storage copies states as JSON by reflection, which this native build cannot do: add it with copyStates: false.");

    /// <summary>
    /// One stored record. Its ETag is its own version number, so versions up to 65,535 share one cached string (each
    /// made on first use: a busy aggregate, a department of stress-100k, is written some 40,000 times). A cleared
    /// record stays as a tombstone that keeps its version: a writer holding an ETag from before the clear still
    /// conflicts with a record written again after it.
    /// </summary>
    private sealed class Record(MemoryGrainStorage owner)
    {
        private const int CachedETags = 65_536;
        private static readonly string?[] s_etags = new string?[CachedETags];
        private long _version;

        public MemoryGrainStorage Owner { get; } = owner;

        public object? Value { get; private set; }

        /// <summary>Null while cleared.</summary>
        public string? ETag { get; private set; }

        public string Write(object? value)
        {
            Value = value;
            var version = ++_version;
            return ETag = version < CachedETags
                ? s_etags[version] ??= version.ToString(CultureInfo.InvariantCulture)
                : version.ToString(CultureInfo.InvariantCulture);
        }

        public void Clear()
        {
            Value = null;
            ETag = null;
        }
    }

    private static class ImmutableType<T>
    {
        public static readonly bool IsImmutable = typeof(T).GetCustomAttribute<ImmutableAttribute>() is not null
            || typeof(T) == typeof(string) || typeof(T).IsPrimitive;
    }
}
