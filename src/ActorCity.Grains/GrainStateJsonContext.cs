using System.Text.Json;
using System.Text.Json.Serialization;
using ActorCity.Grains.Domain;

namespace ActorCity.Grains;

/// <summary>
/// Compile-time JSON metadata for the grains' stored states, in the shape database storage writes by default
/// (<c>GrainStateJson.DefaultOptions</c>: camelCase, enums as strings), so a host that cannot use reflection (the
/// native build of the actorcity command) can store them too: <c>GrainStateJson.For(GrainStateJsonContext.Default)</c>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LiveTask))]
[JsonSerializable(typeof(GridState))]
[JsonSerializable(typeof(DepartmentState))]
[JsonSerializable(typeof(CampaignState))]
[JsonSerializable(typeof(InspectionState))]
public sealed partial class GrainStateJsonContext : JsonSerializerContext;
