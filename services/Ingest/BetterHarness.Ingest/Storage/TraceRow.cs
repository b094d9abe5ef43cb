namespace BetterHarness.Ingest.Storage;

/// <summary>A row of <c>traces</c> (Dapper maps the snake_case columns by name).</summary>
public sealed record TraceRow
{
    public string Trace_id { get; init; } = "";
    public TraceState State { get; init; }
    public long First_seen_ms { get; init; }
    public long Last_span_ms { get; init; }
    public long Root_ended { get; init; }
    public long Span_count { get; init; }
    public long Revision { get; init; }
    public long Version { get; init; }
    public long Failed { get; init; }
    public long Corrected { get; init; }

    /// <summary>Whether the previous evaluation was published downstream (flagged).</summary>
    public bool WasFlagged => Failed != 0 || Corrected != 0;
    public long? Completed_ms { get; init; }
    public long? Harness_version { get; init; }
    public string? Harness_attribution { get; init; }
    public double? Harness_similarity { get; init; }

}
