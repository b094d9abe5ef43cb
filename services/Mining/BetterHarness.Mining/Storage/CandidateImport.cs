using BetterHarness.Mining.Domain.Cases;
using BetterHarness.ServiceDefaults.Security;
using Dapper;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Storage;

/// <summary>
/// Imports exported cases: upsert by candidate id, sources replaced by the case's own list. Importing an
/// export into an empty store reproduces it; importing it twice changes nothing.
/// </summary>
public sealed class CandidateImport(MiningDatabase db, TimeProvider clock)
{
    public void Upsert(EvalCase evalCase, Actor actor)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var at = clock.GetUtcNow();
        var now = at.ToString("O");
        var existed = c.ExecuteScalar<long>("SELECT count(*) FROM candidates WHERE id = @Id", new { evalCase.Id }, tx) > 0;
        var support = Math.Max(evalCase.SupportCount, CandidateProvenance.Sources(evalCase).Count);
        CandidateWrites.Insert(c, tx, evalCase, null, now, support);
        c.Execute("DELETE FROM candidate_sources WHERE candidate_id = @Id", new { evalCase.Id }, tx);
        // A trace feeds one candidate: an imported source takes the trace over from whichever candidate had it.
        c.Execute("""
            INSERT INTO candidate_sources (trace_id, revision, candidate_id, span_id, conversation_id, reason, added_at)
            VALUES (@TraceId, @Revision, @candidateId, @SpanId, @ConversationId, @Reason, @now)
            ON CONFLICT (trace_id) DO UPDATE SET revision = excluded.revision, candidate_id = excluded.candidate_id,
                span_id = excluded.span_id, conversation_id = excluded.conversation_id, reason = excluded.reason
            """, CandidateProvenance.Sources(evalCase).Select(s => new { s.TraceId, s.Revision, candidateId = evalCase.Id, s.SpanId, s.ConversationId, s.Reason, now }), tx);
        AuditLog.Append(c, tx, actor, "candidate.import", evalCase.Id, existed ? "replaced by an imported line" : "created by an imported line", at);
        tx.Commit();
    }
}
