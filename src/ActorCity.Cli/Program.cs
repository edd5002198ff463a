using System.CommandLine;
using ActorCity.Cli.Commands;

var root = new RootCommand("ActorCity: run a city campaign toward its inspection deadline on Orleans-style grains.");
root.Subcommands.Add(BenchCommand.Create());
return await root.Parse(args).InvokeAsync();
