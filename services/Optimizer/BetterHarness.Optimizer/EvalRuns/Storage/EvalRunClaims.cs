using BetterHarness.Optimizer.Claims;
using Dapper;

namespace BetterHarness.Optimizer.EvalRuns.Storage;

/// <summary>
/// Claims on eval runs (<see cref="IRunClaims"/>). On PostgreSQL replicas share the table, so a claim holds until its
/// lease lapses; the conditional update is atomic (a second claimer waits for the first's row lock, then sees its claim).
/// On SQLite one process owns the file, so a claim left by an earlier process (it crashed) is this process's to take.
/// </summary>
public sealed class EvalRunClaims(EvalRunDatabase db) : IRunClaims
{
    public bool TryClaim(string id, string owner, long nowMs, long untilMs)
    {
        using var c = db.Database.Open();
        return c.Execute(db.Database.Sql(
            sqlite: """
                UPDATE eval_runs SET claimed_by = @owner, claimed_until_ms = @untilMs
                WHERE id = @id AND status IN ('queued', 'running')
                """,
            postgres: """
                UPDATE eval_runs SET claimed_by = @owner, claimed_until_ms = @untilMs
                WHERE id = @id AND status IN ('queued', 'running')
                  AND (claimed_by IS NULL OR claimed_by = @owner OR claimed_until_ms < @nowMs)
                """), new { id, owner, nowMs, untilMs }) == 1;
    }

    public bool Renew(string id, string owner, long untilMs)
    {
        using var c = db.Database.Open();
        return c.Execute("UPDATE eval_runs SET claimed_until_ms = @untilMs WHERE id = @id AND claimed_by = @owner", new { id, owner, untilMs }) == 1;
    }

    public void Release(string id, string owner)
    {
        using var c = db.Database.Open();
        c.Execute("UPDATE eval_runs SET claimed_by = NULL, claimed_until_ms = NULL WHERE id = @id AND claimed_by = @owner", new { id, owner });
    }

    public IReadOnlyList<string> Claimable(long nowMs)
    {
        using var c = db.Database.Open();
        return c.Query<string>("""
            SELECT id FROM eval_runs WHERE status IN ('queued', 'running') AND (claimed_by IS NULL OR claimed_until_ms < @nowMs)
            ORDER BY created_at
            """, new { nowMs }).ToList();
    }
}
