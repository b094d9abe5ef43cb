namespace BetterHarness.Ingest.Otlp;

/// <summary>Why a span was rejected; the first rule a span breaks is the one counted.</summary>
internal enum RejectionReason
{
    TraceIdNotHex,
    InvalidTraceId,
    SpanIdNotHex,
    InvalidSpanId,
    ParentSpanIdNotHex,
    InvalidParentSpanId,
    MissingStartTime,
    MissingEndTime,
    EndBeforeStart,
}

internal static class RejectionReasons
{
    public static readonly int Count = Enum.GetValues<RejectionReason>().Length;

    /// <summary>Wording for senders: what was wrong and what a valid value looks like.</summary>
    public static string Describe(RejectionReason reason) => reason switch
    {
        RejectionReason.TraceIdNotHex => "invalid trace_id (not a 32-digit hex string)",
        RejectionReason.InvalidTraceId => "invalid trace_id (must be 16 bytes, not all zero)",
        RejectionReason.SpanIdNotHex => "invalid span_id (not a 16-digit hex string)",
        RejectionReason.InvalidSpanId => "invalid span_id (must be 8 bytes, not all zero)",
        RejectionReason.ParentSpanIdNotHex => "invalid parent_span_id (not a 16-digit hex string)",
        RejectionReason.InvalidParentSpanId => "invalid parent_span_id (must be empty or 8 bytes)",
        RejectionReason.MissingStartTime => "missing start_time",
        RejectionReason.MissingEndTime => "missing end_time",
        RejectionReason.EndBeforeStart => "end_time before start_time",
        _ => reason.ToString(),
    };
}
