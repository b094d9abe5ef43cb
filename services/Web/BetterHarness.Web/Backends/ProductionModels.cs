namespace BetterHarness.Web.Backends;

/// <summary><c>GET /api/harnesses/{agent}/production</c>.</summary>
public sealed record ProductionFigures(string Agent, IReadOnlyList<VersionFigures> Versions, long Unknown);

public sealed record VersionFigures(
    int? Version, long Traces, long Failed, double FailureRate, double[] FailureRateCi95, long Corrected, double CorrectionRate,
    double[] CorrectionRateCi95, long NegativeFeedback, double NegativeFeedbackRate, long ToolErrors, double ToolErrorRate, long Loops,
    double? P50DurationMs, double? P95DurationMs, double? P95Tokens);

/// <summary><c>GET /api/harnesses/{agent}/production/compare?a=&amp;b=</c>.</summary>
public sealed record ProductionComparison(int A, int B, long TracesA, long TracesB, double Difference, double[] Ci95, double PValue,
    IReadOnlyList<ClusterShift> Clusters);

/// <param name="Terms">The cluster's distinguishing terms, beside its sentence label (empty when clustering did not answer).</param>
public sealed record ClusterShift(string ClusterId, string Label, double ShareA, double ShareB, IReadOnlyList<string>? Terms = null);

/// <summary><c>GET /api/traces/clusters/{id}/versions</c>.</summary>
public sealed record ClusterVersions(string ClusterId, IReadOnlyList<ClusterVersionCount> Versions);

public sealed record ClusterVersionCount(string Agent, int? Version, long Members);

/// <summary><c>GET /api/harnesses/{agent}/rollouts</c>.</summary>
public sealed record RolloutList(string Agent, IReadOnlyList<RolloutView> Rollouts);

public sealed record RolloutView(string Id, int Version, int BaselineVersion, double Share, string State, DateTimeOffset StartedAt,
    string StartedBy, DateTimeOffset? DecidedAt, string? DecidedBy, string? Reason, DateTimeOffset? CheckedAt, RolloutCheckView? LastCheck);

public sealed record RolloutCheckView(long CanaryTraces, long CanaryFailed, long CanaryCorrected, long CurrentTraces, long CurrentFailed,
    long CurrentCorrected, double FailureLikelihoodRatio, double CorrectionLikelihoodRatio, double Threshold, string Verdict, string Reason);
