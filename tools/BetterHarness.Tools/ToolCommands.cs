using System.CommandLine;
using BetterHarness.Tools.Commands;

namespace BetterHarness.Tools;

/// <summary>Every tool command of <c>bh</c>, for the host to add to its own (<c>up</c>, <c>run</c>, <c>users</c>).</summary>
public static class ToolCommands
{
    public static IEnumerable<Command> All(InProcessBenchmarks benches) =>
    [
        ReplayCommand.Create(),
        ClustersCommand.Create(benches.ClustersBench),
        QualityCommand.Create(benches.Analyst),
        MiningCommand.Create(),
        CandidatesCommand.Create(),
        EvalsCommand.Create(benches.EvalsBench),
        OptimizeCommand.Create(benches.OptimizeBench),
        LoadgenCommand.Create(),
        new Command("web", "The web UI's benchmark.") { benches.WebBench },
    ];
}
