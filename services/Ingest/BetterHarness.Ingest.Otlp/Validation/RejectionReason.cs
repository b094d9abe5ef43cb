namespace BetterHarness.Ingest.Otlp;

/// <summary>Why a span or log record was rejected; the first rule it breaks is the one counted.</summary>
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

    /// <summary>"3 spans rejected: 2 invalid trace_id (…); 1 missing end_time", or null when none were.</summary>
    public static string? Summarise(int rejected, ReadOnlySpan<int> rejectedBy, string singular, string plural)
    {
        if (rejected == 0) return null;
        var text = new System.Text.StringBuilder();
        text.Append(rejected).Append(' ').Append(rejected == 1 ? singular : plural).Append(" rejected: ");
        var first = true;
        for (var i = 0; i < rejectedBy.Length; i++)
        {
            if (rejectedBy[i] == 0) continue;
            if (!first) text.Append("; ");
            text.Append(rejectedBy[i]).Append(' ').Append(Describe((RejectionReason)i));
            first = false;
        }
        return text.ToString();
    }
}
