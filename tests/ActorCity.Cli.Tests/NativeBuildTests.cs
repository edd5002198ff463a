using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorCity.Simulation.Reports;

namespace ActorCity.Cli.Tests;

/// <summary>
/// The native build (scripts/publish-native.sh) is the same program: it publishes, gives the dotnet build's report
/// byte for byte (apart from timing), stores grain states in SQLite too, names bad input, and prints the bench report.
/// Publishing takes about a minute, so one fixture publishes once for all of these tests.
/// </summary>
public sealed class NativeBuildTests(NativeBuildTests.Published native) : IClassFixture<NativeBuildTests.Published>
{
    [Fact]
    public async Task The_native_build_writes_the_same_report_as_the_dotnet_build()
    {
        string[] args = ["simulate", native.Scenario("baseline.json"), "--replications", "3", "--parallel", "2", "--quiet"];
        var nativeOut = Directory.CreateTempSubdirectory("actorcity-native-").FullName;
        var dotnetOut = Directory.CreateTempSubdirectory("actorcity-dotnet-").FullName;
        try
        {
            await CompareReportsAsync(args, nativeOut, dotnetOut);
        }
        finally
        {
            Directory.Delete(nativeOut, recursive: true);
            Directory.Delete(dotnetOut, recursive: true);
        }
    }

    private async Task CompareReportsAsync(string[] args, string nativeOut, string dotnetOut)
    {
        var fromNative = await Processes.RunAsync(native.Executable, [.. args, "--out", nativeOut], native.Root);
        var fromDotnet = await Cli.RunAsync([.. args, "--out", dotnetOut]);

        Assert.True(fromNative.ExitCode == 0, $"native exit {fromNative.ExitCode}\n{fromNative.Stderr}");
        Assert.True(fromDotnet.ExitCode == 0, $"dotnet exit {fromDotnet.ExitCode}\n{fromDotnet.Stderr}");
        var nativeReport = await File.ReadAllTextAsync(Path.Combine(nativeOut, "report.json"));
        var dotnetReport = await File.ReadAllTextAsync(Path.Combine(dotnetOut, "report.json"));
        Assert.Equal(WithoutTiming(dotnetReport), WithoutTiming(nativeReport));

        using var document = JsonDocument.Parse(nativeReport);
        var timing = document.RootElement.GetProperty("timing");
        Assert.True(timing.GetProperty("events").GetInt64() > 100_000, $"timing: {timing}");
        Assert.True(timing.GetProperty("eventsPerSecond").GetDouble() > 0, $"timing: {timing}");
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(nativeOut, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_native_build_stores_grain_states_in_sqlite_and_reports_as_on_memory()
    {
        var memoryOut = Directory.CreateTempSubdirectory("actorcity-native-memory-").FullName;
        var sqliteOut = Directory.CreateTempSubdirectory("actorcity-native-sqlite-").FullName;
        try
        {
            // A few hundred workflows: SQLite stores every change (about a thousand events a second).
            string[] args =
            [
                "simulate", native.Scenario("baseline.json"), "--replications", "1", "--quiet", "--set", "city.grids=4",
                "--set", "discovery.patrolArrivalsPerDay=14", "--set", "discovery.citizenReportsPerDay=2", "--set", "discovery.initialBacklog=120",
                "--set", "departments[*].crews=1", "--set", "inspection.date=2026-06-21",
            ];
            var onMemory = await Processes.RunAsync(native.Executable, [.. args, "--out", memoryOut], native.Root);
            var onSqlite = await Processes.RunAsync(native.Executable, [.. args, "--storage", "sqlite", "--out", sqliteOut], native.Root);

            Assert.True(onMemory.ExitCode == 0, $"memory: exit {onMemory.ExitCode}\n{onMemory.Stderr}");
            Assert.True(onSqlite.ExitCode == 0, $"sqlite: exit {onSqlite.ExitCode}\n{onSqlite.Stderr}");
            // The same report but for the storage it names.
            var fromMemory = WithoutTiming(await File.ReadAllTextAsync(Path.Combine(memoryOut, "report.json")));
            var fromSqlite = WithoutTiming(await File.ReadAllTextAsync(Path.Combine(sqliteOut, "report.json")));
            Assert.Contains("\"storage\": \"sqlite\"", fromSqlite, StringComparison.Ordinal);
            Assert.Equal(fromMemory, fromSqlite.Replace("\"storage\": \"sqlite\"", "\"storage\": \"memory\"", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(memoryOut, recursive: true);
            Directory.Delete(sqliteOut, recursive: true);
        }
    }

    [Fact]
    public async Task The_native_build_rejects_a_bad_scenario_field_or_value_by_name()
    {
        var (exitCode, _, stderr) = await Processes.RunAsync(
            native.Executable, ["simulate", native.Scenario("baseline.json"), "--set", "departments[城管].crewz=3", "--quiet"], native.Root);

        Assert.Equal(2, exitCode);
        Assert.Contains("crewz", stderr, StringComparison.Ordinal);

        var wrongKind = await Processes.RunAsync(
            native.Executable, ["simulate", native.Scenario("baseline.json"), "--set", "departments[城管].crews=abc", "--quiet"], native.Root);
        Assert.Equal(2, wrongKind.ExitCode);
        Assert.Contains("departments[0].crews: must be an integer (got \"abc\")", wrongKind.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_native_build_prints_the_bench_report_as_json()
    {
        var (exitCode, stdout, stderr) = await Processes.RunAsync(native.Executable, ["bench", "ping", "--json", "--seconds", "0.2"], native.Root);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stderr}");
        using var document = JsonDocument.Parse(stdout);
        Assert.True(document.RootElement.GetProperty("grainCallsPerSecond").GetDouble() > 0, stdout);
    }

    /// <summary>The report without its timing object, as the simulation's own determinism checks compare it.</summary>
    private static string WithoutTiming(string reportJson)
    {
        Assert.True(JsonNode.Parse(reportJson)!.AsObject().ContainsKey("timing"), "report.json should have a timing object");
        return ReportJson.WithoutTiming(reportJson);
    }

    /// <summary>Publishes the native build once, with the script users run, into a folder of its own.</summary>
    public sealed class Published : IAsyncLifetime
    {
        public string Root { get; } = FindRoot();

        public string Executable { get; private set; } = "";

        // The publish's intermediate files (about 200 MB) and the executable, removed after the tests.
        private readonly string _folder = Directory.CreateTempSubdirectory("actorcity-native-build-").FullName;

        public string Scenario(string name) => Path.Combine(Root, "simulations", "scenarios", name);

        public async Task InitializeAsync()
        {
            var folder = _folder;
            var output = Path.Combine(folder, "out");
            var (exitCode, stdout, stderr) = await Processes.RunAsync(
                "bash",
                [Path.Combine(Root, "scripts", "publish-native.sh"), "--out", output],
                Root,
                TimeSpan.FromMinutes(15),
                ("ACTORCITY_NATIVE_BUILD_DIR", Path.Combine(folder, "build")));
            Assert.True(exitCode == 0, $"scripts/publish-native.sh failed with exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
            Executable = Path.Combine(output, "actorcity");
            Assert.True(File.Exists(Executable), $"no {Executable}\n{stdout}");
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_folder, recursive: true);
            return Task.CompletedTask;
        }

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ActorCity.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"ActorCity.sln not found above {AppContext.BaseDirectory}");
        }
    }
}

/// <summary>Runs a program to its end and returns its exit code and output.</summary>
internal static class Processes
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string program, IEnumerable<string> args, string workingDirectory, TimeSpan? timeout = null, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
