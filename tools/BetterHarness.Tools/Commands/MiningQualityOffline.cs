using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Text;
using Spectre.Console;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh mining quality --offline</c>: the mining core in process, without a server: digests as ingest publishes
/// them, the shipped correction detector, the case builder; then the same measures as the online command plus the
/// share of single <c>tool_called</c> assertions that match a ground-truth action.
/// </summary>
public static class MiningQualityOffline
{
    public static int Run(string file, string labelsPath)
    {
        var labels = MiningQualityLabels.Read(labelsPath);
        var digests = QualityOfflineDigests.Read(file, labels.Keys.ToHashSet(StringComparer.Ordinal), markUnflagged: false);
        AnsiConsole.MarkupLine($"{digests.Count} of {labels.Count} labelled traces reach mining (flagged, or a reply passed the correction gate); mining them…");
        using var embedder = new MiniLmEmbedder();
        var detector = CorrectionDetector.LoadShipped(embedder);
        var builder = new CaseBuilder(TimeProvider.System);
        var cases = digests.Select(d => Mine(d, detector, builder)).OfType<EvalCase>().ToList();
        MiningQualityReport.Print(MiningQualityReport.Measure(cases, labels));
        var asserted = cases.Select(c => (Label: labels[CandidateProvenance.Sources(c)[0].TraceId], c))
            .Where(p => p.Label.Reward < 1)
            .SelectMany(p => p.c.Graders.Where(g => g.Type == GraderTypes.ToolCalled).Select(g => (p.Label, Grader: g, Case: p.c))).ToList();
        var matching = asserted.Count(a => a.Label.ExpectedActions.Any(x => MiningQualityLabels.Matches(a.Grader.Tool!, a.Grader.Arguments ?? [], x)));
        AnsiConsole.MarkupLine($"single tool_called assertions on failed traces matching a ground-truth action: {matching}/{asserted.Count}" +
            $" ({(asserted.Count == 0 ? 0 : 100.0 * matching / asserted.Count):0.0}%)");
        foreach (var (label, grader, mined) in asserted)
            AnsiConsole.MarkupLine(Markup.Escape($"  {(label.ExpectedActions.Any(x => MiningQualityLabels.Matches(grader.Tool!, grader.Arguments ?? [], x)) ? "match" : "miss ")} " +
                $"{label.TraceId[..8]} {grader.Tool} {grader.Arguments?.ToJsonString()} | expected: {string.Join("; ", label.ExpectedActions.Select(x => x.Name))}" +
                $" | {CandidateProvenance.Sources(mined)[0].Reason}: {Clip(mined.Expected.Correction)}"));
        return 0;
    }

    private static string Clip(string? text) => text is null ? "-" : text.Length <= 160 ? text : text[..160] + "…";

    private static EvalCase? Mine(TraceDigest digest, CorrectionDetector detector, CaseBuilder builder)
    {
        var conversation = new Conversation(digest);
        // The pairs the mining service scores: all of a flagged digest, only the gate-flagged replies of any other.
        var pairs = conversation.DetectorPairs();
        var raw = detector.Classify([.. pairs.Select(p => new CorrectionPair(digest.Messages[p.Assistant].Content, digest.Messages[p.User].Content))]);
        return builder.Build(digest, [.. pairs.Select((p, i) => new TurnVerdict(p.User, p.Assistant, raw[i]))], null);
    }
}
