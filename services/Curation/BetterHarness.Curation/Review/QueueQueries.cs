using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Oracle;
using BetterHarness.Curation.Storage;
using Dapper;

namespace BetterHarness.Curation.Review;

/// <summary>
/// A row of <c>GET /api/review</c>. <see cref="RevisesCaseId"/>: the accepted case this candidate is a newer revision of
/// (accepting it adds a revision to that case, which keeps its id and split); null for a new case.
/// </summary>
public sealed record QueueItem(string CandidateId, string Status, string Summary, IReadOnlyList<string> Tags, string? ClusterId,
    int SupportCount, OracleResult Oracle, string? Agent, double? DetectorScore, bool Fetched, string? LeasedBy, DateTimeOffset? LeaseExpiresAt,
    string? CaseId, string? Reason, string? SupersededBy, string? DecidedBy, string ProposedAt, string UpdatedAt, string? RevisesCaseId)
{
    /// <summary>The primary category the case gets on acceptance unless the curator names another (the review page filters on it).</summary>
    public string Category => Domain.Cases.PrimaryCategory.For(Tags);
}

/// <summary>One queue item with the candidate's content (as fetched, with earlier reviewers' edits) and its votes.</summary>
public sealed record QueueItemDetail(QueueItem Item, JsonObject? Candidate, IReadOnlyList<string> AcceptedBy, IReadOnlyList<string> SkippedBy);

/// <summary>Filters of the review queue; null = any. <see cref="Order"/> is one of <see cref="QueueOrders"/>.</summary>
/// <param name="Threshold">With <see cref="QueueOrders.Uncertain"/>: the detector threshold scores are measured from.</param>
public sealed record QueueFilter(string? Status, string? Tag, string? Cluster, string? Agent, int? MinSupport, int Limit,
    string Order = QueueOrders.Oldest, double Threshold = 0.5);

/// <summary>
/// Orders of the review queue: <see cref="Oldest"/> proposed first (the default), or <see cref="Uncertain"/>: candidates whose
/// correction score lies nearest the detector's threshold first, where a curator's verdict teaches the detector most
/// (candidates without a score last).
/// </summary>
public static class QueueOrders
{
    public const string Oldest = "oldest";
    public const string Uncertain = "uncertain";

    public static readonly IReadOnlyList<string> All = [Oldest, Uncertain];
}

/// <summary>Reads the review queue.</summary>
public sealed class QueueQueries(CurationDatabase db, TimeProvider clock)
{
    private const string Columns = """
        q.candidate_id, q.status, q.summary, q.cluster_id, q.support_count, q.oracle_json, q.agent, q.detector_score,
        CASE WHEN q.case_json IS NULL THEN 0 ELSE 1 END AS fetched, q.lease_holder, q.lease_expires_ms, q.case_id, q.reason, q.superseded_by, q.decided_by,
        q.proposed_at, q.updated_at, q.revises_case_id
        """;

    private const string UncertainFirst =
        "CASE WHEN q.detector_score IS NULL THEN 1 ELSE 0 END, ABS(q.detector_score - @Threshold), q.proposed_at, q.candidate_id";

    public IReadOnlyList<QueueItem> List(QueueFilter f)
    {
        using var c = db.Database.Open();
        var rows = c.Query<Row>($"""
            SELECT {Columns} FROM queue_items q
            WHERE (@Status IS NULL OR q.status = @Status)
              AND (@Tag IS NULL OR EXISTS (SELECT 1 FROM queue_tags t WHERE t.candidate_id = q.candidate_id AND t.tag = @Tag))
              AND (@Cluster IS NULL OR q.cluster_id = @Cluster) AND (@Agent IS NULL OR q.agent = @Agent)
              AND (@MinSupport IS NULL OR q.support_count >= @MinSupport)
            ORDER BY {(f.Order == QueueOrders.Uncertain ? UncertainFirst : "q.proposed_at, q.candidate_id")} LIMIT @Limit
            """, f).ToList();
        return WithTags(c, rows);
    }

    public QueueItemDetail? Get(string candidateId)
    {
        using var c = db.Database.Open();
        var row = c.QueryFirstOrDefault<Row>($"SELECT {Columns} FROM queue_items q WHERE q.candidate_id = @candidateId", new { candidateId });
        if (row is null) return null;
        var json = c.QueryFirstOrDefault<string?>("SELECT case_json FROM queue_items WHERE candidate_id = @candidateId", new { candidateId });
        var votes = c.Query<(string Actor, string Vote)>("SELECT actor, vote FROM review_votes WHERE candidate_id = @candidateId ORDER BY at", new { candidateId }).ToList();
        return new QueueItemDetail(WithTags(c, [row])[0], json is null ? null : JsonNode.Parse(json) as JsonObject,
            votes.Where(v => v.Vote == "accept").Select(v => v.Actor).ToList(), votes.Where(v => v.Vote == "skip").Select(v => v.Actor).ToList());
    }

    public IReadOnlyDictionary<string, int> Counts()
    {
        using var c = db.Database.Open();
        return c.Query<(string Status, long Count)>("SELECT status, COUNT(*) FROM queue_items GROUP BY status").ToDictionary(r => r.Status, r => (int)r.Count);
    }

    private List<QueueItem> WithTags(System.Data.Common.DbConnection c, List<Row> rows)
    {
        var ids = rows.Select(r => r.candidate_id).ToArray();
        // Dapper expands a list into one parameter per item for SQLite; PostgreSQL takes it as one array.
        var sql = db.Database.Sql(
            sqlite: "SELECT candidate_id, tag FROM queue_tags WHERE candidate_id IN @ids ORDER BY tag",
            postgres: "SELECT candidate_id, tag FROM queue_tags WHERE candidate_id = ANY(@ids) ORDER BY tag");
        var tags = (ids.Length == 0 ? [] : c.Query<(string Id, string Tag)>(sql, new { ids }))
            .ToLookup(t => t.Id, t => t.Tag);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return rows.Select(r =>
        {
            var leased = r.lease_holder is not null && r.lease_expires_ms > nowMs;
            return new QueueItem(r.candidate_id, r.status, r.summary, tags[r.candidate_id].ToList(), r.cluster_id, (int)r.support_count,
                r.oracle_json is null ? OracleResult.NotChecked : JsonSerializer.Deserialize<OracleResult>(r.oracle_json, QueueStore.Json)!,
                r.agent, r.detector_score, r.fetched != 0, leased ? r.lease_holder : null,
                leased ? DateTimeOffset.FromUnixTimeMilliseconds(r.lease_expires_ms!.Value) : null,
                r.case_id, r.reason, r.superseded_by, r.decided_by, r.proposed_at, r.updated_at, r.revises_case_id);
        }).ToList();
    }

    // Column-named so Dapper maps it without aliases; settable properties so Dapper converts column types.
#pragma warning disable IDE1006
    private sealed class Row
    {
        public string candidate_id { get; set; } = "";
        public string status { get; set; } = "";
        public string summary { get; set; } = "";
        public string? cluster_id { get; set; }
        public long support_count { get; set; }
        public string? oracle_json { get; set; }
        public string? agent { get; set; }
        public double? detector_score { get; set; }
        public long fetched { get; set; }
        public string? lease_holder { get; set; }
        public long? lease_expires_ms { get; set; }
        public string? case_id { get; set; }
        public string? reason { get; set; }
        public string? superseded_by { get; set; }
        public string? decided_by { get; set; }
        public string proposed_at { get; set; } = "";
        public string updated_at { get; set; } = "";
        public string? revises_case_id { get; set; }
    }
#pragma warning restore IDE1006
}
