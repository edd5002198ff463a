using System.CommandLine;
using ActorCity.Cli.Commands;

var root = new RootCommand("ActorCity: run a city campaign toward its inspection deadline on Orleans-style grains.");
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad input is exit code 2 everywhere (the simulate command's own validation uses it too).
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"actorcity: {error.Message}");
    }

    Console.Error.WriteLine("Run 'actorcity --help' (or '<command> --help') for usage.");
    return 2;
}

return await parsed.InvokeAsync();
