using BetterHarness.Contracts;
using Dapper;

namespace BetterHarness.Mining.Storage;

/// <summary>
/// Clustering's withdrawn failures (<see cref="TraceFailureWithdrawn"/>): the revision from which a trace no longer fails.
/// Recording one drops the cluster id that came from a superseded revision (from the trace and from the candidate it feeds);
/// <see cref="SupersededBelow"/> is what keeps mining from mining an earlier revision again.
/// </summary>
public sealed class WithdrawnFailures(MiningDatabase db)
{
    /// <summary>Records the withdrawal (a newer one wins) and drops the superseded cluster id; idempotent.</summary>
    public void Record(TraceFailureWithdrawn m)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var args = new { m.TraceId, m.Revision, m.ClusterId, at = m.At.ToUniversalTime().ToString("O") };
        c.Execute("""
            INSERT INTO withdrawn_failures (trace_id, revision, withdrawn_at) VALUES (@TraceId, @Revision, @at)
            ON CONFLICT (trace_id) DO UPDATE SET revision = excluded.revision, withdrawn_at = excluded.withdrawn_at
            WHERE excluded.revision > withdrawn_failures.revision
            """, args, tx);
        c.Execute("DELETE FROM trace_clusters WHERE trace_id = @TraceId AND revision < @Revision", args, tx);
        if (m.ClusterId is not null)
            c.Execute("""
                UPDATE candidates SET cluster_id = NULL
                WHERE cluster_id = @ClusterId AND id = (SELECT candidate_id FROM candidate_sources WHERE trace_id = @TraceId AND revision < @Revision)
                """, args, tx);
        tx.Commit();
    }

    /// <summary>The revision below which the trace's revisions are superseded (its failure was withdrawn), or null.</summary>
    public int? SupersededBelow(string traceId)
    {
        using var c = db.Database.Open();
        return c.ExecuteScalar<int?>("SELECT revision FROM withdrawn_failures WHERE trace_id = @traceId", new { traceId });
    }
}
