using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Production;
using BetterHarness.Ingest.Storage;
using Dapper;

namespace BetterHarness.Ingest.Production;

/// <summary>
/// The completed production traces of an agent (agent or service name; BetterHarness's own eval runs left out) in a
/// window of completion time, as the per-version figures and the comparison read them.
/// </summary>
public sealed class ProductionQueries(IngestDatabase database)
{
    public IReadOnlyList<ProductionTrace> Traces(string agent, long? sinceMs, long? untilMs)
    {
        using var c = database.Database.Open();
        // CASE WHEN EXISTS: a number on both engines (EXISTS alone is a boolean on PostgreSQL).
        return c.Query<Row>("""
            SELECT t.harness_version, t.failed, t.corrected, t.start_ns, t.end_ns, t.tokens,
                   CASE WHEN EXISTS (SELECT 1 FROM signals s WHERE s.trace_id = t.trace_id AND s.kind = @negative) THEN 1 ELSE 0 END AS negative,
                   CASE WHEN EXISTS (SELECT 1 FROM signals s WHERE s.trace_id = t.trace_id AND s.kind = @toolFailure) THEN 1 ELSE 0 END AS tool_error,
                   CASE WHEN EXISTS (SELECT 1 FROM signals s WHERE s.trace_id = t.trace_id AND s.kind = @loop) THEN 1 ELSE 0 END AS loop
            FROM traces t
            WHERE (t.agent_name = @agent OR t.service_name = @agent) AND t.eval_run = 0 AND t.harness_attribution IS NOT NULL
              AND (@sinceMs IS NULL OR t.completed_ms >= @sinceMs) AND (@untilMs IS NULL OR t.completed_ms < @untilMs)
            """, new { agent, sinceMs, untilMs, negative = SignalKinds.NegativeFeedback, toolFailure = SignalKinds.ToolFailure, loop = SignalKinds.Loop })
            .Select(r => new ProductionTrace((int?)r.Harness_version, r.Failed != 0, r.Corrected != 0, r.Negative != 0, r.Tool_error != 0,
                r.Loop != 0, r.Start_ns is { } s && r.End_ns is { } e && e >= s ? (e - s) / 1e6 : null, r.Tokens))
            .ToList();
    }

    /// <summary>Failed traces per cluster for each of two versions, in the window.</summary>
    public IReadOnlyList<(int Version, string ClusterId, long Failures)> ClusterCounts(string agent, int a, int b, long? sinceMs, long? untilMs)
    {
        using var c = database.Database.Open();
        return c.Query<(long Version, string ClusterId, long Failures)>("""
            SELECT t.harness_version, tc.cluster_id, count(*)
            FROM traces t JOIN trace_clusters tc ON tc.trace_id = t.trace_id
            WHERE (t.agent_name = @agent OR t.service_name = @agent) AND t.eval_run = 0 AND t.harness_version IN (@a, @b)
              AND (@sinceMs IS NULL OR t.completed_ms >= @sinceMs) AND (@untilMs IS NULL OR t.completed_ms < @untilMs)
            GROUP BY t.harness_version, tc.cluster_id
            """, new { agent, a, b, sinceMs, untilMs })
            .Select(r => ((int)r.Version, r.ClusterId, r.Failures)).ToList();
    }

    /// <summary>Members of one cluster per (agent, version), and each version's traces in the same window.</summary>
    public IReadOnlyList<(string Agent, int? Version, long Members)> ClusterByVersion(string clusterId)
    {
        using var c = database.Database.Open();
        return c.Query<(string Agent, long? Version, long Members)>("""
            SELECT COALESCE(t.agent_name, t.service_name, ''), t.harness_version, count(*)
            FROM trace_clusters tc JOIN traces t ON t.trace_id = tc.trace_id
            WHERE tc.cluster_id = @clusterId AND t.eval_run = 0
            GROUP BY 1, 2 ORDER BY 3 DESC
            """, new { clusterId }).Select(r => (r.Agent, (int?)r.Version, r.Members)).ToList();
    }

    private sealed record Row
    {
        public long? Harness_version { get; init; }
        public long Failed { get; init; }
        public long Corrected { get; init; }
        public long? Start_ns { get; init; }
        public long? End_ns { get; init; }
        public long? Tokens { get; init; }
        public long Negative { get; init; }
        public long Tool_error { get; init; }
        public long Loop { get; init; }
    }
}
