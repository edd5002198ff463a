using System.Text.Json;

namespace ActorCity.Cli.Tests;

public sealed class BenchPingCommandTests
{
    [Fact]
    public async Task Bench_ping_json_prints_exactly_one_object_with_the_promised_fields()
    {
        var (exitCode, stdout, stderr) = await Cli.RunAsync("bench", "ping", "--json", "--seconds", "0.2");

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        foreach (var field in new[] { "grainCallsPerSecond", "channelCallsPerSecond", "ratio", "grainP50Micros", "grainP99Micros", "allocatedBytesPerCall", "deterministicCallsPerSecond" })
        {
            Assert.True(root.TryGetProperty(field, out var value), $"missing {field}");
            Assert.True(value.GetDouble() > 0, $"{field} should be positive, was {value}; output:\n{stdout}");
        }

        var ratio = root.GetProperty("grainCallsPerSecond").GetDouble() / root.GetProperty("channelCallsPerSecond").GetDouble();
        // The JSON rounds the ratio to 3 decimals, so it is within half a thousandth of the quotient.
        Assert.Equal(ratio, root.GetProperty("ratio").GetDouble(), 0.0005 + 1e-9);
    }

    [Fact]
    public async Task Bench_ping_refuses_a_non_positive_duration_naming_the_option()
    {
        var (exitCode, _, stderr) = await Cli.RunAsync("bench", "ping", "--seconds", "0");

        Assert.Equal(2, exitCode);
        Assert.Contains("--seconds", stderr, StringComparison.Ordinal);
    }
}

public sealed class CommandLineTests
{
    [Fact]
    public async Task An_option_value_of_the_wrong_type_exits_with_code_2_naming_the_value()
    {
        var (exitCode, _, stderr) = await Cli.RunAsync("simulate", "simulations/scenarios/baseline.json", "--seed", "abc");

        Assert.Equal(2, exitCode);
        Assert.Contains("abc", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_exits_with_code_2()
    {
        var (exitCode, _, stderr) = await Cli.RunAsync("simulat");

        Assert.Equal(2, exitCode);
        Assert.Contains("simulat", stderr, StringComparison.Ordinal);
    }
}

/// <summary>Runs the built actorcity command as a user would, in its own process.</summary>
internal static class Cli
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        Processes.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "actorcity.dll"), .. args], Environment.CurrentDirectory);
}
