using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ActorCity.Simulation.Reports;

/// <summary>report.json: camelCase, indented, Chinese text unescaped, properties in declaration order.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        TypeInfoResolver = SimulationJsonContext.Default,
    };

    public static string Serialize(SimulationReport report) => JsonSerializer.Serialize(report, Options.GetTypeInfo(typeof(SimulationReport))) + "\n";

    /// <summary>The report without its <c>timing</c> object: the part that must be byte-identical at any parallelism.</summary>
    public static string WithoutTiming(string reportJson)
    {
        var node = JsonNode.Parse(reportJson)!.AsObject();
        node.Remove("timing");
        return node.ToJsonString(Options);
    }
}
