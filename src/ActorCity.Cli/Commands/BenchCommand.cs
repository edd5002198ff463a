using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorCity.Cli.Bench;
using Spectre.Console;

namespace ActorCity.Cli.Commands;

/// <summary><c>actorcity bench ping [--seconds N] [--json]</c>: the grain call path against a bare channel, one run.</summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true, TypeInfoResolver = BenchJsonContext.Default };

    public static Command Create()
    {
        var seconds = new Option<double>("--seconds")
        {
            Description = "Seconds spent on each of the four measured phases (grain and channel, sequential and concurrent).",
            DefaultValueFactory = _ => 2,
        };
        seconds.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (value is <= 0 or > 600)
            {
                result.AddError($"--seconds must be more than 0 and at most 600 (got {value}).");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object with the figures, nothing else on stdout." };

        var ping = new Command("ping", "Measure grain calls (sequential p50/p99, 1,000 concurrent callers, bytes per call) against a Channel<T> request/response in the same process.")
        {
            seconds,
            json,
        };
        ping.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            var progress = new Progress<string>(step => Console.Error.WriteLine($"bench ping: {step}"));
            var report = await PingBenchmark.RunAsync(TimeSpan.FromSeconds(parse.GetValue(seconds)), progress, cancellationToken);
            if (asJson)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report, s_json.GetTypeInfo(typeof(PingReport))));
            }
            else
            {
                Render(report);
            }

            return 0;
        });

        return new Command("bench", "Benchmarks that print ratios measured in one run.") { ping };
    }

    private static void Render(PingReport report)
    {
        var table = new Table().Title("bench ping").AddColumns("", "grain", "channel", "grain / channel");
        table.AddRow("calls/s, 1,000 concurrent callers", $"{report.GrainCallsPerSecond:N0}", $"{report.ChannelCallsPerSecond:N0}", $"{report.Ratio:0.00}");
        table.AddRow("calls/s, sequential", $"{report.GrainSequentialCallsPerSecond:N0}", $"{report.ChannelSequentialCallsPerSecond:N0}", $"{report.SequentialRatio:0.00}");
        table.AddRow("p50 latency, sequential (µs)", $"{report.GrainP50Micros:0.000}", $"{report.ChannelP50Micros:0.000}", "");
        table.AddRow("p99 latency, sequential (µs)", $"{report.GrainP99Micros:0.000}", $"{report.ChannelP99Micros:0.000}", "");
        table.AddRow("bytes allocated per call", $"{report.AllocatedBytesPerCall:0.0}", "", "");
        table.AddRow("calls/s into a deterministic silo, sequential", $"{report.DeterministicCallsPerSecond:N0}", "", "");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]{report.ProcessorCount} cores, server GC {(report.ServerGc ? "on" : "off")}, {report.SecondsPerPhase:0.#} s per phase[/]");
    }
}

/// <summary>Compile-time JSON metadata for the bench report (no reflection, so the native build prints it too).</summary>
[JsonSerializable(typeof(PingReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
