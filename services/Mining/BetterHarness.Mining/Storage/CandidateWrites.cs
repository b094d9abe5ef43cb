using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Dedup;
using Dapper;
using Microsoft.Data.Sqlite;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Storage;

/// <summary>The candidate row and its tags, shared by mining and import.</summary>
internal static class CandidateWrites
{
    private const string Upsert = """
        INSERT INTO candidates (id, status, tag_key, cluster_id, support_count, summary, case_json, fingerprint, created_at, updated_at)
        VALUES (@Id, @Status, @tagKey, @clusterId, @support, @Summary, @json, @fingerprint, @createdAt, @now)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, tag_key = excluded.tag_key, cluster_id = excluded.cluster_id,
            support_count = excluded.support_count, summary = excluded.summary, case_json = excluded.case_json,
            fingerprint = COALESCE(excluded.fingerprint, candidates.fingerprint), updated_at = excluded.updated_at
        """;

    public static void Insert(SqliteConnection c, SqliteTransaction tx, EvalCase evalCase, float[]? fingerprint, string now, int support = 1)
    {
        // Sources are rows of candidate_sources; the stored JSON keeps everything else of the case.
        var stored = evalCase with { Provenance = CandidateProvenance.Of(evalCase) with { Sources = [] }, SupportCount = 0 };
        c.Execute(Upsert, new
        {
            evalCase.Id, evalCase.Status, tagKey = CaseFingerprint.TagKey(evalCase), clusterId = CandidateProvenance.Of(evalCase).ClusterId, support,
            evalCase.Summary, json = EvalCaseJson.Serialize(stored), fingerprint = fingerprint is null ? null : Fingerprints.ToBlob(fingerprint),
            createdAt = CandidateProvenance.CreatedAt(evalCase), now,
        }, tx);
        c.Execute("DELETE FROM candidate_tags WHERE candidate_id = @Id", new { evalCase.Id }, tx);
        c.Execute("INSERT INTO candidate_tags (candidate_id, tag) VALUES (@Id, @tag)", evalCase.Tags.Distinct().Select(tag => new { evalCase.Id, tag }), tx);
    }
}
