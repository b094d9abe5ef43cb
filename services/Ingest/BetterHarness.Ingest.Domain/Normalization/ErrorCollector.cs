using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization;

/// <summary>Errors on a span: ERROR status (typed by error.type when set), error.type alone, and each exception event.</summary>
public static class ErrorCollector
{
    public static IEnumerable<TraceError> Collect(SpanFacts facts)
    {
        var span = facts.Span;
        if (span.StatusCode == SpanStatusCode.Error)
            yield return new TraceError(span.SpanId, facts.ErrorType, ToolErrors.Of(facts) ?? "error", "status");
        else if (facts.ErrorType is { } type)
            yield return new TraceError(span.SpanId, type, type, "error.type");

        foreach (var e in span.Events.Where(e => e.Name == "exception"))
        {
            var exceptionType = AttributeValue.AsString(e.Attributes.GetValueOrDefault("exception.type"));
            var message = AttributeValue.AsString(e.Attributes.GetValueOrDefault("exception.message"));
            yield return new TraceError(span.SpanId, exceptionType, message ?? exceptionType ?? "exception", "exception");
        }
    }
}
