using BetterHarness.Ingest.Domain.Spans;

namespace BetterHarness.Ingest.Domain.Normalization;

/// <summary>Why a span (typically a tool execution) failed, from the most specific record available:
/// status message, exception message, error.type; null when it did not fail.</summary>
public static class ToolErrors
{
    public static string? Of(SpanFacts facts)
    {
        var span = facts.Span;
        var exception = span.Events.FirstOrDefault(e => e.Name == "exception");
        var exceptionText = exception is null ? null
            : AttributeValue.AsString(exception.Attributes.GetValueOrDefault("exception.message"))
              ?? AttributeValue.AsString(exception.Attributes.GetValueOrDefault("exception.type"));
        if (span.StatusCode == SpanStatusCode.Error)
            return Blank(span.StatusMessage) ?? exceptionText ?? facts.ErrorType ?? "error";
        return exceptionText ?? facts.ErrorType;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
