using System.Collections.Immutable;

namespace ActorCity.Persistence.AdoNet.Tests;

public enum Severity
{
    Minor,
    Serious,
}

public sealed record Site(string District, string Street);

/// <summary>A state shaped like the domain's: records, immutable collections, enums and times.</summary>
public sealed record CaseState(
    string Title,
    Severity Severity,
    ImmutableArray<string> Tags,
    ImmutableList<Site> Sites,
    Site Primary,
    DateTimeOffset OpenedAt,
    ImmutableDictionary<string, int> Counts)
{
    public static CaseState Sample(string title) =>
        new(
            title,
            Severity.Serious,
            ["road", "drain"],
            [new Site("Jing'an", "Nanjing Road 1"), new Site("Xuhui", "Hengshan Road 2")],
            new Site("Pudong", "Century Avenue 3"),
            new DateTimeOffset(2026, 11, 26, 9, 30, 15, 123, TimeSpan.FromHours(8)),
            ImmutableDictionary<string, int>.Empty.Add("visits", 3).Add("reworks", 1));
}

public sealed class TestGrainState<T>(T state) : ActorCity.Runtime.Storage.IGrainState<T>
{
    public T State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
