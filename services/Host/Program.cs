using System.CommandLine;
using BetterHarness.Benchmarks;
using BetterHarness.Host;
using BetterHarness.Host.Commands;
using BetterHarness.Tools;

var root = new RootCommand("BetterHarness: improve LLM agents from their production traces.")
{
    UpCommand.Create(),
    RunCommand.Create(),
    UsersCommand.Create(),
};
// The tools (replay, clusters, quality, …) talk to the services over HTTP only; the host just puts them on its command line.
foreach (var tool in ToolCommands.All(EngineBenchmarks.Create(ServiceCatalog.All))) root.Subcommands.Add(tool);
return await root.Parse(args).InvokeAsync();
