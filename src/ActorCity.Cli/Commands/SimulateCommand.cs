using System.CommandLine;
using ActorCity.Simulation.Engine;
using ActorCity.Simulation.Reports;
using ActorCity.Simulation.Running;
using ActorCity.Simulation.Scenarios;
using Spectre.Console;

namespace ActorCity.Cli.Commands;

/// <summary>
/// <c>actorcity simulate &lt;scenario.json&gt;</c>: runs a what-if embedded (no server, no database to set up) and
/// reports the projected inspection outcome. Exit codes: 0 done, 2 bad input (nothing ran), 1 failure while running.
/// </summary>
public static class SimulateCommand
{
    public const int ExitBadInput = 2;

    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "Scenario file (JSON; see docs/scenarios.md), e.g. simulations/scenarios/baseline.json." };
        var seed = new Option<int?>("--seed") { Description = "Base seed; replication i runs with a seed derived from it. Default: the scenario's replications.seed." };
        var replications = new Option<int?>("--replications", "-r") { Description = "Independent replications. Default: the scenario's replications.count." };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Replications run at once (default: the number of cores). The report is the same at any value.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var set = new Option<string[]>("--set") { Description = "Override a field: path=value, e.g. departments[城管].crews=12, inspection.date=2026-05-20, categories[*].reworkProbability=0.1. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var compare = new Option<FileInfo?>("--compare") { Description = "Run a second scenario on the same seeds and show the paired differences." };
        var compareSet = new Option<string[]>("--compare-set") { Description = "Run the same scenario with this extra override (path=value) on the same seeds and compare. Repeatable." };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Write report.json and report.html into this directory." };
        var storage = new Option<string>("--storage") { Description = "Grain storage for the grain engine: memory (default) or sqlite.", DefaultValueFactory = _ => "memory" };
        storage.AcceptOnlyFromAmong("memory", "sqlite");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };

        var command = new Command("simulate", "What-if simulation of the campaign up to the inspection: projected score with 95 % confidence intervals, probability of passing, backlog, escalations, riskiest grids and departments.")
        {
            scenario, seed, replications, parallel, set, compare, compareSet, output, storage, quiet,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new SimulateOptions
            {
                ScenarioFile = parseResult.GetValue(scenario)!.FullName,
                Seed = parseResult.GetValue(seed),
                Replications = parseResult.GetValue(replications),
                Parallel = parseResult.GetValue(parallel),
                Sets = parseResult.GetValue(set) ?? [],
                CompareFile = parseResult.GetValue(compare)?.FullName,
                CompareSets = parseResult.GetValue(compareSet) ?? [],
                Storage = parseResult.GetValue(storage) ?? "memory",
            };
            return await RunAsync(options, parseResult.GetValue(output)?.FullName, parseResult.GetValue(quiet), AnsiConsole.Console, cancellationToken);
        });
        return command;
    }

    /// <summary>The command's body, callable from tests with a captured console.</summary>
    public static async Task<int> RunAsync(SimulateOptions options, string? outputDirectory, bool quiet, IAnsiConsole console, CancellationToken cancellationToken)
    {
        Simulator.Prepared prepared;
        try
        {
            prepared = Simulator.Prepare(options);
        }
        catch (ScenarioException ex)
        {
            await Console.Error.WriteLineAsync($"actorcity simulate: invalid input, nothing was run:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", ex.Errors)}");
            return ExitBadInput;
        }

        using var progress = quiet ? null : new ProgressPrinter(Console.Error);
        IReplicationEngine replicationEngine = new GrainEngine(options.Storage);
        var report = await Simulator.RunAsync(prepared, replicationEngine, p => progress?.Track(p), cancellationToken);
        progress?.Dispose();
        TerminalReport.Write(console, report);
        if (outputDirectory is not null)
        {
            Simulator.WriteReports(report, outputDirectory);
            console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(outputDirectory, "report.json"))}[/] and [bold]{Markup.Escape(Path.Combine(outputDirectory, "report.html"))}[/]");
        }

        return 0;
    }
}
