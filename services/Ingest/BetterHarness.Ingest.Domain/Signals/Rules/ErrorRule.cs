using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Normalization;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>ERROR status or error.type on a span that is not a tool execution (those are tool_failure),
/// one signal per span. Exception events have their own rule.</summary>
public sealed class ErrorRule : ISignalRule
{
    public IEnumerable<Signal> Detect(NormalizedTrace trace)
    {
        var toolSpans = trace.Spans.Where(s => s.Kind == SpanKinds.Tool).Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        return trace.Errors
            .Where(e => e.Source != "exception" && !toolSpans.Contains(e.SpanId))
            .DistinctBy(e => e.SpanId)
            .Select(e => new Signal(SignalKinds.Error, e.SpanId, Evidence.Short(e.Message), e.Type));
    }
}
