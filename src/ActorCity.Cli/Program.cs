using System.CommandLine;
using ActorCity.Cli.Commands;

// Temporary entry point on branch `sim` (main owns Program.cs): only the simulate command is wired here.
var root = new RootCommand("actorcity: the ActorCity command line.");
root.Subcommands.Add(SimulateCommand.Create());
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }

    return SimulateCommand.ExitBadInput;
}

return await parsed.InvokeAsync();
