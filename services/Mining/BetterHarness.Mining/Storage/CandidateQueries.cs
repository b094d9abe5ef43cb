using BetterHarness.Mining.Domain.Cases;
using Dapper;
using Microsoft.Data.Sqlite;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Storage;

/// <summary>A row of <c>GET /api/candidates</c>.</summary>
public sealed record CandidateListItem(string Id, string Status, string Summary, IReadOnlyList<string> Tags, string? ClusterId,
    int SupportCount, string CreatedAt, string UpdatedAt);

/// <summary>Reads candidates: the full case (sources and support count composed from their rows), and filtered lists.</summary>
public sealed class CandidateQueries(MiningDatabase db)
{
    public EvalCase? Get(string id)
    {
        using var c = db.Database.Open();
        return Load(c, id);
    }

    public IReadOnlyList<CandidateListItem> List(string? tag, string? cluster, string? status, int limit, string? trace = null)
    {
        using var c = db.Database.Open();
        var rows = c.Query<(string Id, string Status, string Summary, string TagKey, string? ClusterId, long Support, string CreatedAt, string UpdatedAt)>("""
            SELECT id, status, summary, tag_key, cluster_id, support_count, created_at, updated_at FROM candidates c
            WHERE (@tag IS NULL OR EXISTS (SELECT 1 FROM candidate_tags t WHERE t.candidate_id = c.id AND t.tag = @tag))
              AND (@cluster IS NULL OR cluster_id = @cluster)
              AND (@status IS NULL OR status = @status)
              AND (@trace IS NULL OR EXISTS (SELECT 1 FROM candidate_sources s WHERE s.candidate_id = c.id AND s.trace_id = @trace))
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """, new { tag, cluster, status, limit, trace });
        return rows.Select(r => new CandidateListItem(r.Id, r.Status, r.Summary, r.TagKey.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            r.ClusterId, (int)r.Support, r.CreatedAt, r.UpdatedAt)).ToList();
    }

    /// <summary>Every candidate in creation order (export).</summary>
    public IEnumerable<EvalCase> All(string? status)
    {
        using var c = db.Database.Open();
        var ids = c.Query<string>("SELECT id FROM candidates WHERE @status IS NULL OR status = @status ORDER BY created_at, id", new { status }).ToList();
        foreach (var id in ids)
            if (Load(c, id) is { } evalCase) yield return evalCase;
    }

    /// <summary>The candidate with its sources and support count; <paramref name="newestSources"/> keeps only that many of the newest sources.</summary>
    internal static EvalCase? Load(SqliteConnection c, string id, SqliteTransaction? tx = null, int? newestSources = null)
    {
        var row = c.QueryFirstOrDefault<(string Json, string Status, string? ClusterId, long Support)?>(
            "SELECT case_json, status, cluster_id, support_count FROM candidates WHERE id = @id", new { id }, tx);
        if (row is not { } r) return null;
        var sources = c.Query<(string TraceId, long Revision, string? SpanId, string? ConversationId, string Reason)>(
                "SELECT trace_id, revision, span_id, conversation_id, reason FROM candidate_sources WHERE candidate_id = @id ORDER BY added_at, trace_id", new { id }, tx)
            .Select(s => new CaseSource(s.TraceId, (int)s.Revision, s.SpanId, s.ConversationId, s.Reason)).ToList();
        if (newestSources is { } n && sources.Count > n) sources = sources[^n..];
        var evalCase = EvalCaseJson.Deserialize(r.Json);
        return evalCase with
        {
            Status = r.Status, SupportCount = (int)r.Support,
            Provenance = CandidateProvenance.Of(evalCase) with { Sources = sources, ClusterId = r.ClusterId },
        };
    }
}
