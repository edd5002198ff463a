using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ActorCity.Runtime.Concurrency;

namespace ActorCity.Runtime.Storage;

/// <summary>
/// Grain storage in process memory, with the same ETag rules as the database providers. States of types marked
/// <see cref="ImmutableAttribute"/> are kept by reference (the simulation's fast path); any other state is kept as a
/// JSON copy, so a grain mutating its state after a write cannot change what is stored.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Entry> _records = new();
    private long _version;

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        if (_records.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = Thaw<TState>(entry.Value);
            grainState.ETag = entry.ETag;
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
        var key = (stateName, grainId);
        var next = new Entry(Freeze(grainState.State), NextETag());
        while (true)
        {
            if (_records.TryGetValue(key, out var current))
            {
                CheckETag(stateName, grainId, grainState.ETag, current.ETag);
                if (_records.TryUpdate(key, next, current))
                {
                    break;
                }
            }
            else
            {
                CheckETag(stateName, grainId, grainState.ETag, null);
                if (_records.TryAdd(key, next))
                {
                    break;
                }
            }
        }

        grainState.ETag = next.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var key = (stateName, grainId);
        while (_records.TryGetValue(key, out var current))
        {
            CheckETag(stateName, grainId, grainState.ETag, current.ETag);
            if (_records.TryRemove(KeyValuePair.Create(key, current)))
            {
                break;
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NextETag() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);

    private static void CheckETag(string stateName, GrainId grainId, string? expected, string? stored)
    {
        if (!string.Equals(expected, stored, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} was written by someone else: expected ETag '{expected ?? "(none)"}', stored '{stored ?? "(none)"}'. Nothing was written.",
                stored,
                expected);
        }
    }

    private static object? Freeze<TState>(TState state) =>
        ImmutableType<TState>.IsImmutable ? state : JsonSerializer.SerializeToUtf8Bytes(state, s_json);

    private static TState Thaw<TState>(object? value) =>
        ImmutableType<TState>.IsImmutable ? (TState)value! : JsonSerializer.Deserialize<TState>((byte[])value!, s_json)!;

    private sealed record Entry(object? Value, string ETag);

    private static class ImmutableType<T>
    {
        public static readonly bool IsImmutable = typeof(T).GetCustomAttribute<ImmutableAttribute>() is not null
            || typeof(T) == typeof(string) || typeof(T).IsPrimitive;
    }
}
