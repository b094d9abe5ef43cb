namespace BetterHarness.Clustering.Storage;

/// <summary>A failed trace as the clustering service keeps it (not the digest: that stays with ingest).</summary>
public sealed record FailureRow(
    string TraceId, int Revision, string SignatureHash, string? ServiceName, string? AgentName,
    string Kinds, string ErrorTypes, long OccurredMs, long ReceivedMs);
