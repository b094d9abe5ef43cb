using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// Enforces the OTLP data model on a parsed request, in place: spans with invalid ids or times are
/// removed (and counted for the partial-success reply), oversized string attributes are truncated.
/// One bad span never costs its neighbours, which is why the parsers defer id checks to here.
/// </summary>
public static class SpanValidator
{
    public static SpanValidationResult Validate(ExportTraceServiceRequest request, OtlpLimits limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var truncator = new AttributeTruncator(limits.MaxAttributeValueBytes);
        Span<int> rejectedBy = stackalloc int[RejectionReasons.Count];
        int accepted = 0, rejected = 0, droppedLinks = 0;

        foreach (var resourceSpans in request.ResourceSpans)
        {
            if (resourceSpans.Resource is { } resource) truncator.Truncate(resource.Attributes);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                if (scopeSpans.Scope is { } scope) truncator.Truncate(scope.Attributes);
                var spans = scopeSpans.Spans;
                var kept = 0;
                // Compacts the list in one pass, keeping order, rather than RemoveAt per bad span.
                for (var i = 0; i < spans.Count; i++)
                {
                    var span = spans[i];
                    if (Check(span) is { } reason)
                    {
                        rejectedBy[(int)reason]++;
                        rejected++;
                        continue;
                    }
                    droppedLinks += DropInvalidLinks(span);
                    truncator.Truncate(span);
                    spans[kept++] = span;
                }
                while (spans.Count > kept) spans.RemoveAt(spans.Count - 1);
                accepted += kept;
            }
        }
        return new SpanValidationResult(accepted, rejected, truncator.Truncated, droppedLinks, RejectionReasons.Summarise(rejected, rejectedBy, "span", "spans"));
    }

    private static RejectionReason? Check(Span span)
    {
        if (!IsValidId(span.TraceId, 16))
        {
            return OtlpIds.IsInvalidHexMarker(span.TraceId) ? RejectionReason.TraceIdNotHex : RejectionReason.InvalidTraceId;
        }
        if (!IsValidId(span.SpanId, 8))
        {
            return OtlpIds.IsInvalidHexMarker(span.SpanId) ? RejectionReason.SpanIdNotHex : RejectionReason.InvalidSpanId;
        }
        if (span.ParentSpanId.Length == 8 && IsAllZero(span.ParentSpanId))
        {
            // Some exporters write a zero parent for roots; OTLP says empty, and both mean "no parent".
            span.ParentSpanId = ByteString.Empty;
        }
        if (span.ParentSpanId.Length is not (0 or 8))
        {
            return OtlpIds.IsInvalidHexMarker(span.ParentSpanId) ? RejectionReason.ParentSpanIdNotHex : RejectionReason.InvalidParentSpanId;
        }
        if (span.StartTimeUnixNano == 0) return RejectionReason.MissingStartTime;
        if (span.EndTimeUnixNano == 0) return RejectionReason.MissingEndTime;
        if (span.EndTimeUnixNano < span.StartTimeUnixNano) return RejectionReason.EndBeforeStart;
        return null;
    }

    /// <summary>
    /// A bad link id says nothing wrong about the span itself, so the link goes (counted in
    /// dropped_links_count, as OTLP intends) and the span stays.
    /// </summary>
    private static int DropInvalidLinks(Span span)
    {
        var dropped = 0;
        for (var i = span.Links.Count - 1; i >= 0; i--)
        {
            var link = span.Links[i];
            if (IsValidId(link.TraceId, 16) && IsValidId(link.SpanId, 8)) continue;
            span.Links.RemoveAt(i);
            dropped++;
        }
        span.DroppedLinksCount += (uint)dropped;
        return dropped;
    }

    private static bool IsValidId(ByteString id, int length) => id.Length == length && !IsAllZero(id);

    private static bool IsAllZero(ByteString id) => !id.Span.ContainsAnyExcept((byte)0);
}
