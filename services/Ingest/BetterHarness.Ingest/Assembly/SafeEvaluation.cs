using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Ingest.Assembly;

/// <summary>
/// Evaluates one trace without letting it take others down: if the normaliser or a rule throws on some
/// unforeseen shape of data, the trace is still completed (with the failure recorded as an error on it,
/// and no signals) instead of staying due forever and blocking every sweep behind it.
/// </summary>
public static class SafeEvaluation
{
    public const string ErrorSource = "betterharness.evaluation";

    public static NormalizedTrace Evaluate(string traceId, IReadOnlyList<RawSpan> spans, IReadOnlyList<FeedbackEntry> feedback, ILogger logger) =>
        Safely(traceId, spans, () => TraceEvaluator.Evaluate(traceId, spans, feedback), logger);

    /// <summary>The normalised trace without running the signal rules (reads show the stored signals instead).</summary>
    public static NormalizedTrace Normalize(string traceId, IReadOnlyList<RawSpan> spans, IReadOnlyList<FeedbackEntry> feedback, ILogger logger) =>
        Safely(traceId, spans, () => TraceNormalizer.Normalize(traceId, spans, feedback), logger);

    private static NormalizedTrace Safely(string traceId, IReadOnlyList<RawSpan> spans, Func<NormalizedTrace> evaluate, ILogger logger)
    {
        try
        {
            return evaluate();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Trace {TraceId} could not be evaluated; completing it without signals", traceId);
            return new NormalizedTrace
            {
                TraceId = traceId,
                SpanCount = spans.Count,
                StartUnixNano = spans.Count > 0 ? spans.Min(s => s.StartUnixNano) : 0,
                EndUnixNano = spans.Count > 0 ? spans.Max(s => s.EndUnixNano) : 0,
                Errors = [new TraceError("", ex.GetType().Name, "evaluation failed: " + ex.Message, ErrorSource)],
            };
        }
    }
}
