using System.CommandLine;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Tools.Load;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh clusters bench groupings [--failures 20000]</c>: every grouping method and cut that
/// <c>bh quality clusters --offline</c> compares, scored against the synthetic failure modes (the benchmark's
/// ground truth), in process and without a store: signatures, MiniLM on the distinct ones, then the clustering core.
/// </summary>
public static class ClustersBenchGroupings
{
    public static Command Create()
    {
        var count = new Option<int>("--failures") { Description = "Synthetic failures.", DefaultValueFactory = _ => 20_000 };
        var command = new Command("groupings", "Score every grouping method against the synthetic failure modes (in process).") { count };
        command.SetAction(r => Run(r.GetValue(count)));
        return command;
    }

    private static int Run(int count)
    {
        if (count < 2) throw new CommandFailedException("--failures must be at least 2.");
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 150);
        // The same seed and start as `bh clusters bench`: its first failures are these.
        var synthetic = new ClustersBenchSynthetic(seed: 42);
        var start = DateTimeOffset.UtcNow.AddHours(-count / 10_000.0);
        var generated = Enumerable.Range(0, count).Select(i => synthetic.Next(start.AddMilliseconds(i * 360))).ToList();
        var signatures = generated.Select(g => (g.Digest.TraceId, Signature: SignatureBuilder.Build(g.Digest))).ToList();
        var points = QualityOffline.EmbedDistinct(signatures, $"{count:N0} synthetic failures");
        var ids = signatures.Select(x => x.TraceId).ToList();
        var labels = new QualityLabels(generated.ToDictionary(g => g.Digest.TraceId, g => "mode" + g.Mode, StringComparer.Ordinal),
            new Dictionary<string, string>(StringComparer.Ordinal));
        var (rows, _) = QualityOffline.GroupingRows(points, ids, labels);
        QualityReport.PrintScores(rows, ids.Count, synthetic.ModeCount);
        return 0;
    }
}
