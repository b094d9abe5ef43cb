using Dapper;

namespace BetterHarness.Curation.Storage;

/// <summary>A snapshot just taken (or the unchanged latest one when nothing changed).</summary>
public sealed record SnapshotTaken(string Id, string Agent, string? PreviousId, int CaseCount, bool IsNew);

/// <summary>
/// Freezes an agent's active set: which revision of which case. Taken once per action, after all of the action's
/// changes, so a bulk action yields one snapshot. Rows are only ever inserted, so a snapshot never changes.
/// </summary>
internal static class Snapshots
{
    public static SnapshotTaken Take(CurationWrite w, string agent, string action, string actor)
    {
        var c = w.Connection;
        var active = c.Query<(string Id, long Revision)>(
            "SELECT id, revision FROM cases WHERE agent = @agent AND status = 'active' ORDER BY id", new { agent }, w.Transaction).ToList();
        var latest = c.QueryFirstOrDefault<(string Id, long Seq)?>(
            "SELECT id, seq FROM snapshots WHERE agent = @agent ORDER BY seq DESC LIMIT 1", new { agent }, w.Transaction);
        if (latest is { } last)
        {
            var previous = c.Query<(string Id, long Revision)>(
                "SELECT case_id, revision FROM snapshot_cases WHERE snapshot_id = @Id ORDER BY case_id", new { last.Id }, w.Transaction).ToList();
            if (previous.SequenceEqual(active)) return new SnapshotTaken(last.Id, agent, null, active.Count, false);
        }
        var id = "snap_" + Guid.CreateVersion7(w.Now).ToString("N");
        c.Execute("""
            INSERT INTO snapshots (id, agent, seq, action, actor, case_count, created_at) VALUES (@id, @agent, @seq, @action, @actor, @count, @now)
            """, new { id, agent, seq = (latest?.Seq ?? 0) + 1, action, actor, count = active.Count, now = w.NowText }, w.Transaction);
        // Parameter names differ by more than case: PostgreSQL's are case-insensitive.
        c.Execute("INSERT INTO snapshot_cases (snapshot_id, case_id, revision) VALUES (@snapshotId, @Id, @Revision)",
            active.Select(a => new { snapshotId = id, a.Id, a.Revision }), w.Transaction);
        return new SnapshotTaken(id, agent, latest?.Id, active.Count, true);
    }

    /// <summary>Snapshots taken earlier, by id (as an action that changed nothing reports them again).</summary>
    public static IReadOnlyList<SnapshotTaken> Load(CurationWrite w, IReadOnlyCollection<string> ids) => ids.Count == 0 ? [] :
        w.Connection.Query<(string Id, string Agent, long CaseCount)>(w.Sql(
                sqlite: "SELECT id, agent, case_count FROM snapshots WHERE id IN @ids ORDER BY seq",
                postgres: "SELECT id, agent, case_count FROM snapshots WHERE id = ANY(@ids) ORDER BY seq"),
            new { ids = ids.Distinct().ToArray() }, w.Transaction).Select(s => new SnapshotTaken(s.Id, s.Agent, null, (int)s.CaseCount, false)).ToList();
}
