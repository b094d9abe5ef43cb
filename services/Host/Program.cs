using System.CommandLine;
using BetterHarness.Host.Commands;

var root = new RootCommand("BetterHarness: improve LLM agents from their production traces.")
{
    UpCommand.Create(),
    RunCommand.Create(),
    ReplayCommand.Create(),
    ClustersCommand.Create(),
    QualityCommand.Create(),
    MiningCommand.Create(),
    CandidatesCommand.Create(),
    EvalsCommand.Create(),
    OptimizeCommand.Create(),
    LoadgenCommand.Create(),
    UsersCommand.Create(),
    new Command("web", "The web UI's benchmark.") { WebBench.Create() },
};
return await root.Parse(args).InvokeAsync();
