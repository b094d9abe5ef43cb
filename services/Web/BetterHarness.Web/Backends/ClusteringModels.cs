namespace BetterHarness.Web.Backends;

// The shapes of clustering's API (GET /api/clusters, /api/clusters/{id}, /api/clusters/assignments/{traceId}) as the pages read them.

public sealed record ClusterList(IReadOnlyList<ClusterSummary> Clusters, int Count, long Failures, long Unassigned);

public sealed record ClusterSummary(
    string Id, string Label, string DominantSignal, IReadOnlyList<string> Terms, long Size, DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen, string Status, IReadOnlyList<int> Trend, string TrendBucket,
    IReadOnlyList<string> Representatives, DateTimeOffset UpdatedAt, DateTimeOffset? RetiredAt);

public sealed record ClusterDetail(ClusterSummary Cluster, IReadOnlyList<ClusterMember> Members, IReadOnlyList<ClusterEvent> History);

public sealed record ClusterMember(
    string TraceId, long Revision, string? ServiceName, string? AgentName, string? Kinds, long OccurredMs, string? AssignedBy,
    FailureAnalysis? Analysis = null)
{
    public DateTimeOffset OccurredAt => DateTimeOffset.FromUnixTimeMilliseconds(OccurredMs);
}

/// <summary>The LLM failure analyst's root-cause statement for a failure and the configured model name that wrote it.</summary>
public sealed record FailureAnalysis(string Statement, string Model);

/// <summary>GET /api/clusters/assignments/{traceId}: the failure's cluster (null while unassigned) and the analyst's statement.</summary>
public sealed record TraceAssignment(string TraceId, string? ClusterId, long Revision, FailureAnalysis? Analysis);

public sealed record ClusterEvent(DateTimeOffset At, string Kind, IReadOnlyList<string>? Related);
