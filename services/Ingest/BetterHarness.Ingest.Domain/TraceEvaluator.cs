using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain;

/// <summary>Normalises a completed trace and attaches its failure signals.</summary>
public static class TraceEvaluator
{
    public static NormalizedTrace Evaluate(string traceId, IReadOnlyList<RawSpan> spans, IReadOnlyList<FeedbackEntry> externalFeedback)
    {
        var trace = TraceNormalizer.Normalize(traceId, spans, externalFeedback);
        return trace with { Signals = SignalDetector.Detect(trace) };
    }
}
