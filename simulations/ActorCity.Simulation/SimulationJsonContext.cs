using System.Text.Json.Serialization;
using ActorCity.Simulation.Reports;
using ActorCity.Simulation.Scenarios;

namespace ActorCity.Simulation;

/// <summary>Compile-time JSON metadata for scenarios and reports, so they need no reflection (and work in a native build).</summary>
[JsonSerializable(typeof(Scenario))]
[JsonSerializable(typeof(SimulationReport))]
internal sealed partial class SimulationJsonContext : JsonSerializerContext;
