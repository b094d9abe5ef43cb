using System.Text.Json;
using System.Text.Json.Nodes;

namespace BetterHarness.Web.Backends;

// The shapes of curation's API (/api/review*, /api/evals*, /api/audit) as the pages read them.

public sealed record ReviewList(IReadOnlyList<ReviewItem> Items, int Count, IReadOnlyDictionary<string, int> Counts);

public sealed record ReviewItem(
    string CandidateId, string Status, string Summary, IReadOnlyList<string> Tags, string? ClusterId, int SupportCount,
    OracleResult Oracle, string? Agent, double? DetectorScore, bool Fetched, string? LeasedBy, DateTimeOffset? LeaseExpiresAt,
    string? CaseId, string? Reason, string? SupersededBy, string? DecidedBy, string ProposedAt, string UpdatedAt)
{
    /// <summary>The primary category the case would get (curation's rule); null when the service does not say.</summary>
    public string? Category { get; init; }

    /// <summary>The accepted case this candidate is a newer revision of (accepting adds a revision to it); null for a new case.</summary>
    public string? RevisesCaseId { get; init; }
}

public sealed record OracleResult(string Status, IReadOnlyList<OracleFailure> Failures);

public sealed record OracleFailure(int Grader, string Type, string Reason);

/// <summary><c>GET /api/review/{id}</c>: the item's fields plus the candidate as fetched (with earlier reviewers' edits).</summary>
public sealed record ReviewDetail
{
    public required string CandidateId { get; init; }
    public string Status { get; init; } = "";
    public string Summary { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? ClusterId { get; init; }
    public int SupportCount { get; init; }
    public OracleResult Oracle { get; init; } = new("unchecked", []);
    public string? Agent { get; init; }
    public string? Category { get; init; }
    public double? DetectorScore { get; init; }
    public string? LeasedBy { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }
    public string? CaseId { get; init; }
    public string? Reason { get; init; }
    public string? DecidedBy { get; init; }
    /// <summary>The accepted case this candidate is a newer revision of; null for a new case.</summary>
    public string? RevisesCaseId { get; init; }
    public JsonObject? Candidate { get; init; }
    public IReadOnlyList<string> AcceptedBy { get; init; } = [];
    public IReadOnlyList<string> SkippedBy { get; init; } = [];

    public EvalCase? Case => Candidate?.Deserialize<EvalCase>(BackendClient.Json);
}

/// <summary>The answer to a write: the parsed body when it succeeded, the service's error message when it refused.</summary>
public sealed record WriteResult(bool Ok, int Status, JsonObject? Body, string? Error);

public sealed record EvalList(IReadOnlyList<EvalCaseItem> Cases, int Count);

public sealed record EvalCaseItem(
    string Id, string Agent, int Revision, string Category, IReadOnlyList<string> Tags, string Split, bool MustPass, string Status,
    string? SourceCandidateId, bool AutoAccepted, string Summary, string UpdatedAt);

public sealed record Composition(IReadOnlyList<CompositionRow> Categories, CompositionTotals Totals)
{
    /// <summary>The holdout's leak figure; null from a curation service that does not report one.</summary>
    public LeakView? Leak { get; init; }
}

/// <summary>For each holdout case, the cosine of its nearest optimisation case (curation's <c>leak</c>).</summary>
public sealed record LeakView(int HoldoutCases, int Unmeasured, double? MeanNearestCosine, double? MaxNearestCosine, double? MedianNearestCosine,
    double Threshold, int NearDuplicates, int GroupsOnBothSides, IReadOnlyList<NearestCaseView> Cases);

public sealed record NearestCaseView(string CaseId, string Agent, string Category, string? NearestCaseId, double Cosine);

public sealed record CompositionRow(string Agent, string Category, int Optimization, int Holdout, int MustPass, int Retired);

public sealed record CompositionTotals(int Optimization, int Holdout, int MustPass, int Retired);

public sealed record SnapshotList(IReadOnlyList<Snapshot> Snapshots);

public sealed record Snapshot(string Id, string Agent, int Seq, string Action, string Actor, int CaseCount, string CreatedAt);

public sealed record CaseHistory(string Id, IReadOnlyList<CaseRevision> Revisions);

public sealed record CaseRevision(int Revision, string Action, string Actor, string? Reason, string At);

public sealed record CaseDiff(string Id, int From, int To, IReadOnlyList<CaseChange> Changes);

public sealed record CaseChange(string Path, JsonElement? Before, JsonElement? After);

