using System.Diagnostics.CodeAnalysis;
namespace ActorCity.Runtime.Storage;

/// <summary>A grain's persistent state, injected through <see cref="PersistentStateAttribute"/>.</summary>
public interface IPersistentState<TState>
{
    /// <summary>The state; a fresh default instance until a stored record is read.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored record this state was read from or written as; null if none.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> if the stored ETag moved, writing nothing.</summary>
    Task WriteStateAsync();

    Task ClearStateAsync();
}

/// <summary>Declares a constructor parameter of type <see cref="IPersistentState{TState}"/> and where it is stored.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name; <see cref="StorageNames.Default"/> when omitted.</summary>
    public string StorageName { get; } = storageName ?? StorageNames.Default;
}

public static class StorageNames
{
    public const string Default = "Default";
}

/// <summary>The state, ETag and existence flag that storage providers read and write.</summary>
public interface IGrainState<TState>
{
    TState State { get; set; }

    string? ETag { get; set; }

    bool RecordExists { get; set; }
}

/// <summary>A grain storage provider. Registered by name as a keyed service.</summary>
public interface IGrainStorage
{
    /// <summary>Reads the record into <paramref name="grainState"/>; leaves State untouched and RecordExists false if there is none.</summary>
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);

    /// <summary>Writes if the stored ETag equals <c>grainState.ETag</c> (null: no record yet), then sets the new ETag.</summary>
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);

    /// <summary>Deletes the record under the same ETag check.</summary>
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);
}

/// <summary>Creates the persistent-state facets that generated grain activators pass to grain constructors.</summary>
public interface IPersistentStateFactory
{
    IPersistentState<TState> Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TState>(IGrainContext context, string stateName, string storageName);
}

/// <summary>The stored ETag did not match: someone else wrote the record. Nothing was written.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    public InconsistentStateException(string message) : base(message)
    {
    }

    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public string? StoredEtag { get; }

    public string? CurrentEtag { get; }
}
