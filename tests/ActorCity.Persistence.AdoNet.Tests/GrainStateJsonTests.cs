using System.Text.Json;

namespace ActorCity.Persistence.AdoNet.Tests;

public sealed class GrainStateJsonTests
{
    [Fact]
    public void Default_options_write_camel_case_names_and_enums_as_strings()
    {
        var json = JsonSerializer.Serialize(CaseState.Sample("x"), GrainStateJson.DefaultOptions);

        Assert.Contains("\"severity\":\"Serious\"", json, StringComparison.Ordinal);
        Assert.Contains("\"openedAt\":\"2026-11-26T09:30:15.123+08:00\"", json, StringComparison.Ordinal);
    }
}
