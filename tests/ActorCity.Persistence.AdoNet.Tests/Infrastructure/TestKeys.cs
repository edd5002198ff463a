using ActorCity.Runtime;

namespace ActorCity.Persistence.AdoNet.Tests;

/// <summary>Every test works on its own grain ids, so tests never see each other's rows.</summary>
internal static class TestKeys
{
    public static GrainId NewGrain(string type = "CaseGrain") => new(type, Guid.NewGuid().ToString("N"));
}
