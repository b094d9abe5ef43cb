using BetterHarness.Contracts;
using BetterHarness.Tools.Load;
using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Traces;
using BetterHarness.Ingest.Otlp;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// Turns an OTLP/JSON lines file into the digests ingest would publish, in process (the same normaliser,
/// signal rules and digest builder): a labelled trace its own signals do not flag is marked failed with
/// thumbs-down feedback, as <c>bh quality clusters</c> does through the API.
/// </summary>
public static class QualityOfflineDigests
{
    /// <param name="markUnflagged">Mark labelled traces no signal flags as failed (clustering); otherwise skip them, as ingest would (mining).</param>
    public static IReadOnlyList<TraceDigest> Read(string path, IReadOnlySet<string> labelled, bool markUnflagged = true)
    {
        if (!File.Exists(path)) throw new CommandFailedException($"Trace file '{path}' does not exist.");
        var spans = File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l))
            .SelectMany(l => OtlpSpanMapper.ToRawSpans(OtlpJsonParser.Parse(System.Text.Encoding.UTF8.GetBytes(l))))
            .GroupBy(s => s.TraceId.ToLowerInvariant()).Where(g => labelled.Contains(g.Key));
        var digests = new List<TraceDigest>();
        var completed = DateTimeOffset.UnixEpoch.AddYears(56);
        foreach (var trace in spans.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var evaluated = TraceEvaluator.Evaluate(trace.Key, [.. trace], []);
            if (!DigestBuilder.ShouldPublish(evaluated) && !markUnflagged) continue;
            if (!DigestBuilder.ShouldPublish(evaluated))
                evaluated = TraceEvaluator.Evaluate(trace.Key, [.. trace],
                    [new FeedbackEntry(trace.Key, null, 0, "thumbs_down", null, null, "api", evaluated.StartUnixNano)]);
            digests.Add(DigestBuilder.Build(evaluated, 1, completed));
        }
        return digests;
    }
}
