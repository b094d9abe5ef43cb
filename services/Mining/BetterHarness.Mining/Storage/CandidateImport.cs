using BetterHarness.Mining.Domain.Cases;
using Dapper;

namespace BetterHarness.Mining.Storage;

/// <summary>
/// Imports exported cases: upsert by candidate id, sources replaced by the case's own list. Importing an
/// export into an empty store reproduces it; importing it twice changes nothing.
/// </summary>
public sealed class CandidateImport(MiningDatabase db, TimeProvider clock)
{
    public void Upsert(EvalCase evalCase)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var now = clock.GetUtcNow().ToString("O");
        var support = Math.Max(evalCase.SupportCount, evalCase.Provenance.Sources.Count);
        CandidateWrites.Insert(c, tx, evalCase, null, now, support);
        c.Execute("DELETE FROM candidate_sources WHERE candidate_id = @Id", new { evalCase.Id }, tx);
        // A trace feeds one candidate: an imported source takes the trace over from whichever candidate had it.
        c.Execute("""
            INSERT INTO candidate_sources (trace_id, revision, candidate_id, span_id, conversation_id, reason, added_at)
            VALUES (@TraceId, @Revision, @candidateId, @SpanId, @ConversationId, @Reason, @now)
            ON CONFLICT (trace_id) DO UPDATE SET revision = excluded.revision, candidate_id = excluded.candidate_id,
                span_id = excluded.span_id, conversation_id = excluded.conversation_id, reason = excluded.reason
            """, evalCase.Provenance.Sources.Select(s => new { s.TraceId, s.Revision, candidateId = evalCase.Id, s.SpanId, s.ConversationId, s.Reason, now }), tx);
        tx.Commit();
    }
}
