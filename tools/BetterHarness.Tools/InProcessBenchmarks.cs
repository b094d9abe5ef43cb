using System.CommandLine;
using BetterHarness.Clustering.Domain.Reclustering;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Contracts;

namespace BetterHarness.Tools;

/// <summary>
/// The commands that measure a service's own engine inside this process, on scratch stores of their own: they need the
/// service assemblies, which the tools never reference, so the host supplies them (tools/BetterHarness.Benchmarks) and
/// <see cref="ToolCommands"/> puts each in its place in the command tree.
/// </summary>
/// <param name="ClustersBench"><c>bh clusters bench</c> (the tools add its <c>latency</c> and <c>groupings</c> subcommands).</param>
/// <param name="EvalsBench"><c>bh evals bench</c>.</param>
/// <param name="OptimizeBench"><c>bh optimize bench</c>.</param>
/// <param name="WebBench"><c>bh web bench</c>.</param>
/// <param name="Analyst">The clustering service's LLM failure analyst for <c>bh quality clusters --offline --analyst NAME</c>.</param>
public sealed record InProcessBenchmarks(Command ClustersBench, Command EvalsBench, Command OptimizeBench, Command WebBench, AnalystPoints Analyst);

/// <summary>The points the clustering service would cluster once model <paramref name="model"/> has stated each failure's root cause.</summary>
public delegate IReadOnlyList<SignaturePoint> AnalystPoints(string model, IReadOnlyList<TraceDigest> digests,
    IReadOnlyList<(string TraceId, FailureSignature Signature)> signatures);
