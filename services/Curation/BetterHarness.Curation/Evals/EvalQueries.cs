using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Splits;
using BetterHarness.Curation.Storage;
using Dapper;

namespace BetterHarness.Curation.Evals;

/// <summary>A row of <c>GET /api/evals</c>.</summary>
public sealed record CaseListItem(string Id, string Agent, int Revision, string Category, IReadOnlyList<string> Tags, string Split,
    bool MustPass, string Status, string? SourceCandidateId, bool AutoAccepted, string Summary, string UpdatedAt);

/// <summary>Filters of the eval store; null = any.</summary>
public sealed record CaseFilter(string? Agent, string? Category, string? Split, bool? MustPass, string? Status, string? Tag, int Limit);

/// <summary>One entry of a case's history.</summary>
public sealed record CaseRevisionInfo(int Revision, string Action, string Actor, string? Reason, string At);

/// <summary>Cases per agent, category and split.</summary>
public sealed record CompositionRow(string Agent, string Category, int Optimization, int Holdout, int MustPass, int Retired);

/// <summary>The holdout's leak figure (see <see cref="EvalQueries.Leak"/>).</summary>
/// <param name="HoldoutCases">Active holdout cases measured.</param>
/// <param name="Unmeasured">Active holdout cases without a stored vector yet (accepted before situations existed, until the backfill ran).</param>
/// <param name="NearDuplicates">Holdout cases whose nearest optimisation case is at or above <paramref name="Threshold"/> (the grouping's similarity).</param>
/// <param name="GroupsOnBothSides">Situation groups with active cases on both sides.</param>
public sealed record LeakSummary(int HoldoutCases, int Unmeasured, double? MeanNearestCosine, double? MaxNearestCosine, double? MedianNearestCosine,
    double Threshold, int NearDuplicates, int GroupsOnBothSides, IReadOnlyList<Domain.Splits.NearestOptimizationCase> Cases);

/// <summary>Reads the eval store: cases, revisions, composition.</summary>
public sealed class EvalQueries(CurationDatabase db)
{
    public IReadOnlyList<CaseListItem> List(CaseFilter f)
    {
        using var c = db.Database.Open();
        var rows = c.Query<(string Id, string Agent, long Revision, string Category, string Split, long MustPass, string Status, string? Source, long Auto, string Json, string UpdatedAt)>("""
            SELECT c.id, c.agent, c.revision, c.category, c.split, c.must_pass, c.status, c.source_candidate_id, c.auto_accepted, r.doc_json, c.updated_at
            FROM cases c JOIN case_revisions r ON r.case_id = c.id AND r.revision = c.revision
            WHERE (@Agent IS NULL OR c.agent = @Agent) AND (@Category IS NULL OR c.category = @Category) AND (@Split IS NULL OR c.split = @Split)
              AND (@MustPass IS NULL OR c.must_pass = @MustPass) AND (@Status IS NULL OR c.status = @Status)
              AND (@Tag IS NULL OR EXISTS (SELECT 1 FROM case_tags t WHERE t.case_id = c.id AND t.tag = @Tag))
            ORDER BY c.created_at, c.id LIMIT @Limit
            """, new { f.Agent, f.Category, f.Split, f.Status, f.Tag, f.Limit, MustPass = f.MustPass is { } m ? m ? 1 : 0 : (int?)null });
        return rows.Select(r =>
        {
            var doc = JsonNode.Parse(r.Json)!;
            return new CaseListItem(r.Id, r.Agent, (int)r.Revision, r.Category, Domain.Cases.CaseDocument.Tags(doc.AsObject()), r.Split, r.MustPass != 0,
                r.Status, r.Source, r.Auto != 0, (string?)doc["summary"] ?? "", r.UpdatedAt);
        }).ToList();
    }

    /// <summary>The current revision's document, or a given revision's.</summary>
    public JsonObject? Get(string id, int? revision = null)
    {
        using var c = db.Database.Open();
        var json = c.QueryFirstOrDefault<string?>("""
            SELECT r.doc_json FROM cases c JOIN case_revisions r ON r.case_id = c.id
            WHERE c.id = @id AND r.revision = COALESCE(@revision, c.revision)
            """, new { id, revision });
        return json is null ? null : JsonNode.Parse(json) as JsonObject;
    }

    public IReadOnlyList<CaseRevisionInfo> History(string id)
    {
        using var c = db.Database.Open();
        return c.Query<(long Revision, string Action, string Actor, string? Reason, string At)>(
                "SELECT revision, action, actor, reason, at FROM case_revisions WHERE case_id = @id ORDER BY revision", new { id })
            .Select(r => new CaseRevisionInfo((int)r.Revision, r.Action, r.Actor, r.Reason, r.At)).ToList();
    }

    public IReadOnlyList<CompositionRow> Composition(string? agent)
    {
        using var c = db.Database.Open();
        return c.Query<(string Agent, string Category, long Opt, long Hold, long MustPass, long Retired)>("""
                SELECT agent, category,
                       SUM(CASE WHEN status = 'active' AND split = 'optimization' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'active' AND split = 'holdout' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'active' AND must_pass = 1 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status = 'retired' THEN 1 ELSE 0 END)
                FROM cases WHERE @agent IS NULL OR agent = @agent GROUP BY agent, category ORDER BY agent, category
                """, new { agent })
            .Select(r => new CompositionRow(r.Agent, r.Category, (int)r.Opt, (int)r.Hold, (int)r.MustPass, (int)r.Retired)).ToList();
    }

    /// <summary>
    /// The holdout's leak: for each active holdout case (of <paramref name="agent"/>, or every agent), the cosine of its nearest
    /// active optimisation case; and the situation groups that have active cases on both sides (a case imported with its own
    /// split, or accepted before situations were stored, can put one there).
    /// </summary>
    public LeakSummary Leak(string? agent, double threshold)
    {
        using var c = db.Database.Open();
        var rows = c.Query<(string Id, string Agent, string Category, string Split, string? GroupId, byte[]? Vector)>("""
            SELECT c.id, c.agent, c.category, c.split, s.group_id, s.vector FROM cases c LEFT JOIN case_situations s ON s.case_id = c.id
            WHERE c.status = 'active' AND (@agent IS NULL OR c.agent = @agent) ORDER BY c.id
            """, new { agent }).ToList();
        var measured = rows.Where(r => r.Vector is not null)
            .Select(r => (r.Id, r.Agent, r.Category, r.Split, Situations.ToVector(r.Vector!))).ToList();
        var nearest = HoldoutLeak.Measure(measured);
        var cosines = nearest.Where(n => n.NearestCaseId is not null).Select(n => n.Cosine).ToList();
        var straddling = rows.Where(r => r.GroupId is not null).GroupBy(r => (r.Agent, r.GroupId))
            .Count(g => g.Select(r => r.Split).Distinct().Count() > 1);
        return new LeakSummary(nearest.Count, rows.Count(r => r.Split == Domain.Cases.SplitNames.Holdout && r.Vector is null),
            cosines.Count == 0 ? null : Math.Round(cosines.Average(), 4), cosines.Count == 0 ? null : Math.Round(cosines.Max(), 4),
            cosines.Count == 0 ? null : Math.Round(MathNet.Numerics.Statistics.Statistics.Median(cosines), 4),
            threshold, cosines.Count(x => x >= threshold), straddling,
            nearest.Select(n => n with { Cosine = Math.Round(n.Cosine, 4) }).ToList());
    }

    /// <summary>The active set's current documents (export), in a stable order.</summary>
    public IEnumerable<string> ActiveDocuments(string? agent)
    {
        using var c = db.Database.Open();
        foreach (var json in c.Query<string>("""
                     SELECT r.doc_json FROM cases c JOIN case_revisions r ON r.case_id = c.id AND r.revision = c.revision
                     WHERE c.status = 'active' AND (@agent IS NULL OR c.agent = @agent) ORDER BY c.agent, c.id
                     """, new { agent }, buffered: false))
            yield return json;
    }
}
