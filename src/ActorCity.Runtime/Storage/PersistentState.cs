using System.Collections.Concurrent;
using ActorCity.Runtime.Catalog;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.CodeAnalysis;

namespace ActorCity.Runtime.Storage;

/// <summary>A persistent-state facet read before <see cref="Grain.OnActivateAsync"/>.</summary>
internal interface IActivationStateFacet
{
    Task ReadOnActivationAsync();
}

/// <summary>Lets a storage provider keep its own handle to the stored record on the state object (memory storage does).</summary>
internal interface IStorageRecordHolder
{
    object? StorageRecord { get; set; }
}

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: a grain's view of one stored record.</summary>
internal sealed class PersistentState<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TState>(string stateName, GrainId grainId, IGrainStorage storage)
    : IPersistentState<TState>, IGrainState<TState>, IActivationStateFacet, IStorageRecordHolder
{
    public TState State { get; set; } = DefaultState<TState>.Create();

    public string? Etag { get; private set; }

    public bool RecordExists { get; set; }

    object? IStorageRecordHolder.StorageRecord { get; set; }

    string? IGrainState<TState>.ETag
    {
        get => Etag;
        set => Etag = value;
    }

    public Task ReadOnActivationAsync() => ReadStateAsync();

    public Task ReadStateAsync() => storage.ReadStateAsync(stateName, grainId, this);

    public Task WriteStateAsync() => storage.WriteStateAsync(stateName, grainId, this);

    public async Task ClearStateAsync()
    {
        await storage.ClearStateAsync(stateName, grainId, this);
        State = DefaultState<TState>.Create();
    }
}

/// <summary>A fresh state: the type's parameterless constructor when it has one, else default.</summary>
internal static class DefaultState<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TState>
{
    private static readonly bool s_hasConstructor = typeof(TState).IsValueType || typeof(TState).GetConstructor(Type.EmptyTypes) is not null;

    public static TState Create() => s_hasConstructor ? Activator.CreateInstance<TState>() : default!;
}

/// <summary>Creates state facets for generated grain activators, resolving the named storage provider.</summary>
internal sealed class PersistentStateFactory(IServiceProvider services) : IPersistentStateFactory
{
    // Resolved once per name: a keyed service lookup for every activation cost more than the rest of the facet.
    private readonly ConcurrentDictionary<string, IGrainStorage> _storages = new(StringComparer.Ordinal);

    public IPersistentState<TState> Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TState>(IGrainContext context, string stateName, string storageName)
    {
        var storage = _storages.TryGetValue(storageName, out var cached) ? cached : Resolve(context, stateName, storageName);
        var state = new PersistentState<TState>(stateName, context.GrainId, storage);
        if (context is ActivationData activation)
        {
            activation.AddStateFacet(state);
        }

        return state;
    }

    private IGrainStorage Resolve(IGrainContext context, string stateName, string storageName)
    {
        var storage = services.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException(
                $"{context.GrainId} wants state '{stateName}' in storage '{storageName}', but no grain storage has that name. Register one with AddMemoryGrainStorage(\"{storageName}\"), AddSqliteGrainStorage or AddPostgresGrainStorage.");
        return _storages.GetOrAdd(storageName, storage);
    }
}
