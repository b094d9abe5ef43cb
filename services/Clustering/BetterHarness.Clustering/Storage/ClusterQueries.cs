using Dapper;

namespace BetterHarness.Clustering.Storage;

/// <summary>Read-side aggregates for the API and the trend/spike checks, computed from failure rows.</summary>
public sealed class ClusterQueries(ClusteringDatabase database)
{
    public IReadOnlyDictionary<string, ClusterSize> Sizes(string? clusterId = null)
    {
        using var c = database.Database.Open();
        return c.Query<ClusterSize>("""
            SELECT cluster_id AS ClusterId, count(*) AS Size, min(occurred_ms) AS FirstSeenMs, max(occurred_ms) AS LastSeenMs
            FROM failures WHERE cluster_id IS NOT NULL AND (@clusterId IS NULL OR cluster_id = @clusterId)
            GROUP BY cluster_id
            """, new { clusterId }).ToDictionary(s => s.ClusterId, StringComparer.Ordinal);
    }

    /// <summary>Failures per (cluster, bucket number) from <paramref name="sinceMs"/> on; bucket = occurred_ms / bucketMs.</summary>
    public IReadOnlyList<(string ClusterId, long Bucket, int Count)> Buckets(long sinceMs, long bucketMs, IReadOnlyCollection<string>? clusterIds = null)
    {
        using var c = database.Database.Open();
        var sql = """
            SELECT cluster_id, occurred_ms / @bucketMs AS bucket, count(*) FROM failures
            WHERE cluster_id IS NOT NULL AND occurred_ms >= @sinceMs
            """ + (clusterIds is null ? "" : database.Database.Sql(sqlite: " AND cluster_id IN @clusterIds", postgres: " AND cluster_id = ANY(@clusterIds)"))
            + " GROUP BY cluster_id, bucket";
        return c.Query<(string, long, int)>(sql, new { sinceMs, bucketMs, clusterIds = clusterIds?.ToArray() }).ToList();
    }

    public IReadOnlyList<ClusterMember> Members(string clusterId, int limit)
    {
        using var c = database.Database.Open();
        return c.Query<ClusterMember>("""
            SELECT trace_id AS TraceId, revision AS Revision, service_name AS ServiceName, agent_name AS AgentName,
                   kinds AS Kinds, occurred_ms AS OccurredMs, assigned_by AS AssignedBy
            FROM failures WHERE cluster_id = @clusterId ORDER BY occurred_ms DESC, trace_id LIMIT @limit
            """, new { clusterId, limit }).ToList();
    }

    /// <summary>Totals and the completion → online assignment latency of the most recent online assignments.</summary>
    public ClusteringStats Stats(int latencySample, long sinceMs = 0)
    {
        using var c = database.Database.Open();
        var (total, unassigned) = c.QuerySingle<(long, long)>(
            "SELECT count(*), count(*) - count(cluster_id) FROM failures");
        var latencies = c.Query<long>("""
            SELECT assigned_ms - occurred_ms FROM failures WHERE assigned_by = 'online' AND occurred_ms >= @sinceMs
            ORDER BY assigned_ms DESC LIMIT @latencySample
            """, new { latencySample, sinceMs }).Order().ToList();
        double? Percentile(double p) => latencies.Count == 0 ? null : latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p * latencies.Count) - 1)];
        return new ClusteringStats(total, unassigned, latencies.Count, Percentile(0.5), Percentile(0.99), latencies.Count == 0 ? null : latencies[^1]);
    }
}

/// <summary>
/// A cluster's size and first/last failure. Settable properties, not a positional record: SQLite reports no type for
/// an aggregate column of an empty result, and Dapper can then match no constructor (GET /api/clusters answered 500
/// until a first cluster existed); property setters convert whatever comes.
/// </summary>
public sealed record ClusterSize
{
    public string ClusterId { get; init; } = "";
    public long Size { get; init; }
    public long FirstSeenMs { get; init; }
    public long LastSeenMs { get; init; }
}

public sealed record ClusterMember(string TraceId, long Revision, string? ServiceName, string? AgentName, string Kinds, long OccurredMs, string? AssignedBy)
{
    /// <summary>The LLM analyst's root-cause statement, when it is on and has answered for this failure.</summary>
    public Analyst.FailureAnalysis? Analysis { get; init; }
}

/// <param name="LatencyP50Ms">Completion (ingest) → online cluster assignment, median, over <paramref name="LatencySample"/> assignments.</param>
public sealed record ClusteringStats(long Failures, long Unassigned, int LatencySample, double? LatencyP50Ms, double? LatencyP99Ms, double? LatencyMaxMs);
