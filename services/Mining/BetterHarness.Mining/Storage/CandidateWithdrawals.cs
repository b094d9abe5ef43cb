using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using Dapper;

namespace BetterHarness.Mining.Storage;

/// <summary>Where a trace's candidate came from: its id and the construction rule (<c>user_correction</c>, …).</summary>
public sealed record TraceSource(string CandidateId, string Reason);

/// <summary>
/// Takes a trace out of the candidate it feeds when re-scoring finds its correction no longer qualifies. A candidate left
/// with no source is deleted and <see cref="EvalCandidateWithdrawn"/> goes into the outbox in the same transaction; one that
/// other traces still support only loses this one.
/// </summary>
public sealed class CandidateWithdrawals(MiningDatabase db, TimeProvider clock)
{
    public TraceSource? SourceOf(string traceId)
    {
        using var c = db.Database.Open();
        return c.QueryFirstOrDefault<TraceSource>(
            "SELECT candidate_id AS CandidateId, reason AS Reason FROM candidate_sources WHERE trace_id = @traceId", new { traceId });
    }

    /// <summary>Withdraws the trace from <paramref name="candidateId"/>; true when the candidate itself was withdrawn
    /// (false when another trace still supports it, or the trace no longer feeds that candidate).</summary>
    public bool Withdraw(string traceId, string candidateId, string reason)
    {
        var at = clock.GetUtcNow();
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var removed = c.Execute("DELETE FROM candidate_sources WHERE trace_id = @traceId AND candidate_id = @candidateId", new { traceId, candidateId }, tx);
        if (removed == 0)
        {
            tx.Rollback();
            return false;
        }
        c.Execute("UPDATE mined_traces SET candidate_id = NULL, merged = 0 WHERE trace_id = @traceId", new { traceId }, tx);
        c.Execute("UPDATE candidates SET support_count = support_count - 1, updated_at = @now WHERE id = @candidateId",
            new { candidateId, now = at.ToString("O") }, tx);
        var gone = c.Execute("DELETE FROM candidates WHERE id = @candidateId AND support_count <= 0", new { candidateId }, tx) > 0;
        if (gone)
        {
            c.Execute("DELETE FROM candidate_tags WHERE candidate_id = @candidateId", new { candidateId }, tx);
            MessageOutbox.Add(c, tx, [new EvalCandidateWithdrawn { CandidateId = candidateId, TraceId = traceId, Reason = reason, At = at }],
                at.ToUnixTimeMilliseconds());
        }
        // Curation holds the candidate whole: a candidate that keeps other sources is re-proposed without this one.
        else if (CandidateQueries.Load(c, candidateId, tx, Domain.Cases.CaseBudget.MaxPublishedSources) is { } shrunk)
            MessageOutbox.Add(c, tx, [Processing.ProposedEvents.Shrunk(shrunk, traceId,
                c.ExecuteScalar<int>("SELECT revision FROM mined_traces WHERE trace_id = @traceId", new { traceId }, tx), at)], at.ToUnixTimeMilliseconds());
        tx.Commit();
        db.Outbox.Signal.Notify();
        return gone;
    }
}
