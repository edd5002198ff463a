using System.Text.RegularExpressions;

namespace ActorCity.Runtime.Tests;

public sealed partial class WallClockBanTests
{
    [Fact]
    public void No_source_file_in_src_or_simulations_reads_the_wall_clock_directly()
    {
        var root = FindRepositoryRoot();
        var offenders = new[] { "src", "simulations" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => WallClock().IsMatch(x.line) && !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(root, x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Read time from the injected TimeProvider:\n" + string.Join('\n', offenders));
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex WallClock();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorCity.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ActorCity.sln not found above the test's folder.");
    }
}
