using System.Diagnostics;
using ActorCity.Simulation.Engine;
using ActorCity.Simulation.Reports;
using ActorCity.Simulation.Scenarios;

namespace ActorCity.Simulation.Running;

/// <summary>What <c>actorcity simulate</c> was asked to do.</summary>
public sealed record SimulateOptions
{
    public required string ScenarioFile { get; init; }

    /// <summary>Base seed; null takes the scenario's <c>replications.seed</c>.</summary>
    public int? Seed { get; init; }

    /// <summary>Replications; null takes the scenario's <c>replications.count</c>.</summary>
    public int? Replications { get; init; }

    public int Parallel { get; init; } = 1;

    /// <summary>Overrides for the scenario (and for a <c>--compare</c> file too).</summary>
    public IReadOnlyList<string> Sets { get; init; } = [];

    /// <summary>Second variant from another file, run on the same seeds.</summary>
    public string? CompareFile { get; init; }

    /// <summary>Second variant: the scenario with these extra overrides, run on the same seeds.</summary>
    public IReadOnlyList<string> CompareSets { get; init; } = [];

    public string Storage { get; init; } = "memory";
}

/// <summary>Loads and validates everything first, then runs the variant(s) and builds the report.</summary>
public static class Simulator
{
    /// <summary>A validated request: nothing has run yet.</summary>
    public sealed record Prepared(SimulateOptions Options, LoadedScenario A, LoadedScenario? B, int Seed, int Replications);

    /// <summary>Loads the scenario(s) and checks the options; throws <see cref="ScenarioException"/> listing every problem.</summary>
    public static Prepared Prepare(SimulateOptions options)
    {
        var errors = new List<string>();
        if (options.Parallel < 1)
        {
            errors.Add($"--parallel: must be 1 or more (got {options.Parallel})");
        }

        if (options.Replications is < 1 or > 10_000)
        {
            errors.Add($"--replications: must be between 1 and 10000 (got {options.Replications})");
        }

        if (options.Storage is not ("memory" or "sqlite"))
        {
            errors.Add($"--storage: must be memory or sqlite (got {options.Storage})");
        }

        if (options.CompareFile is not null && options.CompareSets.Count > 0)
        {
            errors.Add("--compare and --compare-set: use one or the other");
        }

        LoadedScenario? a = null;
        LoadedScenario? b = null;
        try
        {
            a = ScenarioLoader.Load(options.ScenarioFile, options.Sets);
        }
        catch (ScenarioException ex)
        {
            errors.AddRange(ex.Errors);
        }

        try
        {
            if (options.CompareFile is not null)
            {
                b = ScenarioLoader.Load(options.CompareFile, options.Sets);
            }
            else if (options.CompareSets.Count > 0)
            {
                b = ScenarioLoader.Load(options.ScenarioFile, [.. options.Sets, .. options.CompareSets.Select(s => s)]);
                b = b with { Overrides = options.CompareSets.ToList() };
            }
        }
        catch (ScenarioException ex)
        {
            errors.AddRange(ex.Errors.Select(e => options.CompareFile is null ? $"--compare-set: {e}" : $"--compare {options.CompareFile}: {e}"));
        }

        if (errors.Count > 0 || a is null)
        {
            throw new ScenarioException(errors);
        }

        return new Prepared(options, a, b, options.Seed ?? a.Scenario.Replications.Seed, options.Replications ?? a.Scenario.Replications.Count);
    }

    /// <summary>Runs a prepared request; <paramref name="onVariantStart"/> lets the caller show progress.</summary>
    public static async Task<SimulationReport> RunAsync(
        Prepared prepared, IReplicationEngine engine, Action<RunProgress>? onVariantStart = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var options = prepared.Options;
        var planA = new SimulationPlan(prepared.A.Scenario, prepared.Seed);
        var progressA = new RunProgress(prepared.A.Scenario.Name, prepared.Replications);
        onVariantStart?.Invoke(progressA);
        var runA = await ReplicationRunner.RunAsync(planA, engine, prepared.Seed, prepared.Replications, options.Parallel, progressA, cancellationToken).ConfigureAwait(false);
        VariantRun? runB = null;
        if (prepared.B is not null)
        {
            var planB = new SimulationPlan(prepared.B.Scenario, prepared.Seed);
            var progressB = new RunProgress(prepared.B.Scenario.Name + " (B)", prepared.Replications);
            onVariantStart?.Invoke(progressB);
            runB = await ReplicationRunner.RunAsync(planB, engine, prepared.Seed, prepared.Replications, options.Parallel, progressB, cancellationToken).ConfigureAwait(false);
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        // What ran at once, not what was asked for: one replication runs alone whatever --parallel says.
        var parallel = Math.Min(options.Parallel, prepared.Replications);
        return ReportBuilder.Build(prepared.A, runA, engine.Name, options.Storage, prepared.Seed, parallel, stopwatch.Elapsed.TotalSeconds, prepared.B, runB, peak);
    }

    /// <summary>Writes report.json and report.html into <paramref name="directory"/>.</summary>
    public static void WriteReports(SimulationReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "report.json"), ReportJson.Serialize(report));
        File.WriteAllText(Path.Combine(directory, "report.html"), HtmlReport.Render(report));
    }
}
