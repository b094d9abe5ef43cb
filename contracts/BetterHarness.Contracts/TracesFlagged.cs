namespace BetterHarness.Contracts;

/// <summary>
/// Fact: completed traces were found failed and/or user-corrected. Published by ingest in batches
/// (never one message per span) for the clustering and mining workers. Each digest is compact and
/// trimmed; the full trace stays in ingest's store (<c>GET /api/traces/{traceId}</c>).
/// </summary>
public sealed record TracesFlagged
{
    /// <summary>Unique id of this batch; a redelivered batch carries the same id.</summary>
    public required Guid BatchId { get; init; }

    /// <summary>One digest per flagged trace (a trace appears at most once per batch).</summary>
    public required IReadOnlyList<TraceDigest> Traces { get; init; }
}
