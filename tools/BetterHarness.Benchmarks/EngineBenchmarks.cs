using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Tools;

namespace BetterHarness.Benchmarks;

/// <summary>The in-process engine benchmarks, handed to the tools by the host.</summary>
public static class EngineBenchmarks
{
    /// <param name="modules">Every service module, for <c>bh web bench</c>'s embedded host (the host's service catalog).</param>
    public static InProcessBenchmarks Create(Func<IReadOnlyList<ServiceModule>> modules) => new(
        ClustersBenchCommand.Create(), EvalsBench.Create(), OptimizeBench.Create(), WebBench.Create(modules), QualityAnalyst.Points);
}
