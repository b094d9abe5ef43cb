using BetterHarness.Curation.Storage;
using Dapper;

namespace BetterHarness.Curation.Evals;

/// <summary>A snapshot's header.</summary>
public sealed record SnapshotInfo(string Id, string Agent, int Seq, string Action, string Actor, int CaseCount, string CreatedAt);

/// <summary>Reads snapshots; their content is the revision documents they name, which never change.</summary>
public sealed class SnapshotQueries(CurationDatabase db)
{
    public IReadOnlyList<SnapshotInfo> List(string? agent, int limit)
    {
        using var c = db.Database.Open();
        return c.Query<(string Id, string Agent, long Seq, string Action, string Actor, long Count, string At)>("""
                SELECT id, agent, seq, action, actor, case_count, created_at FROM snapshots
                WHERE @agent IS NULL OR agent = @agent ORDER BY created_at DESC, seq DESC LIMIT @limit
                """, new { agent, limit })
            .Select(Info).ToList();
    }

    public SnapshotInfo? Get(string id)
    {
        using var c = db.Database.Open();
        var row = c.QueryFirstOrDefault<(string Id, string Agent, long Seq, string Action, string Actor, long Count, string At)?>(
            "SELECT id, agent, seq, action, actor, case_count, created_at FROM snapshots WHERE id = @id", new { id });
        return row is { } r ? Info(r) : null;
    }

    /// <summary>The latest snapshot of an agent (the current active set), if any.</summary>
    public SnapshotInfo? Latest(string agent) => List(agent, 1).FirstOrDefault();

    public IReadOnlyList<(string CaseId, int Revision)> Members(string id)
    {
        using var c = db.Database.Open();
        return c.Query<(string CaseId, long Revision)>("SELECT case_id, revision FROM snapshot_cases WHERE snapshot_id = @id ORDER BY case_id", new { id })
            .Select(r => (r.CaseId, (int)r.Revision)).ToList();
    }

    /// <summary>The documents of the snapshot's case revisions, as they were when it was taken.</summary>
    public IEnumerable<string> Documents(string id)
    {
        using var c = db.Database.Open();
        foreach (var json in c.Query<string>("""
                     SELECT r.doc_json FROM snapshot_cases s JOIN case_revisions r ON r.case_id = s.case_id AND r.revision = s.revision
                     WHERE s.snapshot_id = @id ORDER BY s.case_id
                     """, new { id }, buffered: false))
            yield return json;
    }

    private static SnapshotInfo Info((string Id, string Agent, long Seq, string Action, string Actor, long Count, string At) r) =>
        new(r.Id, r.Agent, (int)r.Seq, r.Action, r.Actor, (int)r.Count, r.At);
}
