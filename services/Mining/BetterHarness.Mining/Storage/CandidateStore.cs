using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Processing;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BetterHarness.Mining.Storage;

/// <summary>
/// Writes candidates. One transaction per digest: a newer revision of a trace first detaches the trace from
/// the candidate its older revision fed, then the new result is inserted or merged, and the revision is
/// recorded so a redelivered digest changes nothing. The <c>EvalCandidateProposed</c> for a stored candidate goes
/// into the outbox in that same transaction (store first, then publish: a crash in between loses nothing).
/// </summary>
public sealed class CandidateStore(MiningDatabase db, TimeProvider clock)
{
    public (int Revision, string? CandidateId)? Mined(string traceId)
    {
        using var c = db.Database.Open();
        var row = c.QueryFirstOrDefault<(long Revision, string? CandidateId)?>(
            "SELECT revision, candidate_id FROM mined_traces WHERE trace_id = @traceId", new { traceId });
        return row is { } r ? ((int)r.Revision, r.CandidateId) : null;
    }

    public IReadOnlyList<Domain.Dedup.StoredFingerprint> Fingerprints(string tagKey)
    {
        using var c = db.Database.Open();
        return c.Query<(string Id, byte[]? Fingerprint)>(
                "SELECT id, fingerprint FROM candidates WHERE tag_key = @tagKey AND fingerprint IS NOT NULL", new { tagKey })
            .Select(r => new Domain.Dedup.StoredFingerprint(r.Id, Storage.Fingerprints.FromBlob(r.Fingerprint))).ToList();
    }

    public MiningOutcome Save(MinedCandidate mined)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        // Checked again inside the write: two deliveries racing past the consumer's check must not both
        // mine, and an older revision must never overwrite a newer one.
        var stored = c.ExecuteScalar<long?>("SELECT revision FROM mined_traces WHERE trace_id = @TraceId", new { mined.TraceId }, tx);
        if (stored >= mined.Revision || Superseded(c, tx, mined.TraceId, mined.Revision))
        {
            tx.Rollback();
            return Outcome(mined.TraceId, alreadyMined: true) ?? MiningOutcome.Nothing(mined.TraceId, mined.Revision);
        }
        var detached = Detach(c, tx, mined.TraceId);
        return Write(c, tx, mined, detached);
    }

    /// <summary>
    /// A candidate for a trace that feeds none yet (a correction a person marked, or one a re-scoring found): stored like a
    /// mined one, at the trace's newest known revision. Null, and nothing stored, when the trace already feeds a candidate.
    /// </summary>
    public MiningOutcome? AddToTrace(MinedCandidate mined)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var stored = c.QueryFirstOrDefault<(long Revision, string? CandidateId)?>(
            "SELECT revision, candidate_id FROM mined_traces WHERE trace_id = @TraceId", new { mined.TraceId }, tx);
        var attached = c.ExecuteScalar<long>("SELECT COUNT(*) FROM candidate_sources WHERE trace_id = @TraceId", new { mined.TraceId }, tx) > 0;
        var revision = stored is { } s && s.Revision > mined.Revision ? (int)s.Revision : mined.Revision;
        if (stored?.CandidateId is not null || attached || Superseded(c, tx, mined.TraceId, revision))
        {
            tx.Rollback();
            return null;
        }
        return Write(c, tx, mined with { Revision = revision });
    }

    /// <summary>Clustering withdrew the trace's failure at a newer revision than <paramref name="revision"/>: never mine it.</summary>
    private static bool Superseded(SqliteConnection c, SqliteTransaction tx, string traceId, int revision) =>
        c.ExecuteScalar<long?>("SELECT revision FROM withdrawn_failures WHERE trace_id = @traceId", new { traceId }, tx) > revision;

    private MiningOutcome Write(SqliteConnection c, SqliteTransaction tx, MinedCandidate mined, string? detachedFrom = null)
    {
        var at = clock.GetUtcNow();
        var now = at.ToString("O");
        string? candidateId = null;
        if (mined.Case is { } evalCase)
        {
            // The duplicate may have been this trace's own older candidate, just detached and deleted.
            var mergeInto = mined.MergeInto is { } target
                && c.ExecuteScalar<long>("SELECT COUNT(*) FROM candidates WHERE id = @target", new { target }, tx) > 0 ? target : null;
            mined = mined with { MergeInto = mergeInto };
            candidateId = mergeInto ?? evalCase.Id;
            if (mergeInto is null) CandidateWrites.Insert(c, tx, evalCase, mined.Fingerprint, now);
            else c.Execute("UPDATE candidates SET support_count = support_count + 1, updated_at = @now WHERE id = @candidateId", new { candidateId, now }, tx);
            var source = CandidateProvenance.Sources(evalCase)[0];
            c.Execute("""
                INSERT INTO candidate_sources (trace_id, revision, candidate_id, span_id, conversation_id, reason, added_at)
                VALUES (@TraceId, @Revision, @candidateId, @SpanId, @ConversationId, @Reason, @now)
                """, new { source.TraceId, source.Revision, candidateId, source.SpanId, source.ConversationId, source.Reason, now }, tx);
        }
        c.Execute("""
            INSERT INTO mined_traces (trace_id, revision, candidate_id, merged, mined_at) VALUES (@TraceId, @Revision, @candidateId, @merged, @now)
            ON CONFLICT (trace_id) DO UPDATE SET revision = excluded.revision, candidate_id = excluded.candidate_id,
                merged = excluded.merged, mined_at = excluded.mined_at
            """, new { mined.TraceId, mined.Revision, candidateId, merged = mined.MergeInto is null ? 0 : 1, now }, tx);
        if (mined.Digest is { } digest) DigestArchive.Keep(c, tx, digest);
        var outcome = Read(c, tx, mined.TraceId, alreadyMined: false)!;
        var facts = new List<object>();
        // The candidate the older revision fed goes first: curation then sees it shrink or go before the trace moves on.
        if (detachedFrom is not null && detachedFrom != candidateId)
            facts.Add(CandidateQueries.Load(c, detachedFrom, tx, CaseBudget.MaxPublishedSources) is { } shrunk
                ? ProposedEvents.Shrunk(shrunk, mined.TraceId, mined.Revision, at)
                : ProposedEvents.Withdrawn(detachedFrom, mined.TraceId, mined.Revision, candidateId, at));
        if (candidateId is not null)
            facts.Add(ProposedEvents.For(outcome, CandidateQueries.Load(c, candidateId, tx, CaseBudget.MaxPublishedSources), at)!);
        if (facts.Count > 0) MessageOutbox.Add(c, tx, facts, at.ToUnixTimeMilliseconds());
        tx.Commit();
        if (facts.Count > 0) db.Outbox.Signal.Notify();
        return outcome;
    }

    /// <summary>The stored outcome of a trace's mining.</summary>
    public MiningOutcome? Outcome(string traceId, bool alreadyMined)
    {
        using var c = db.Database.Open();
        return Read(c, null, traceId, alreadyMined);
    }

    private static MiningOutcome? Read(SqliteConnection c, SqliteTransaction? tx, string traceId, bool alreadyMined)
    {
        var row = c.QueryFirstOrDefault<(long Revision, string? CandidateId, long Merged, long? Support, string? Summary, string? ClusterId)?>("""
            SELECT m.revision, m.candidate_id, m.merged, c.support_count, c.summary, c.cluster_id
            FROM mined_traces m LEFT JOIN candidates c ON c.id = m.candidate_id WHERE m.trace_id = @traceId
            """, new { traceId }, tx);
        if (row is not { } r) return null;
        var tags = r.CandidateId is null ? [] : c.Query<string>("SELECT tag FROM candidate_tags WHERE candidate_id = @id ORDER BY tag", new { id = r.CandidateId }, tx).ToList();
        return new MiningOutcome(traceId, (int)r.Revision, r.CandidateId, r.Merged == 1, (int)(r.Support ?? 0), r.Summary, tags, r.ClusterId, alreadyMined);
    }

    /// <summary>Takes the trace off the candidate it fed (deleting a candidate left with no source); returns that candidate.</summary>
    private static string? Detach(SqliteConnection c, SqliteTransaction tx, string traceId)
    {
        var old = c.QueryFirstOrDefault<string?>("SELECT candidate_id FROM candidate_sources WHERE trace_id = @traceId", new { traceId }, tx);
        if (old is null) return null;
        c.Execute("DELETE FROM candidate_sources WHERE trace_id = @traceId", new { traceId }, tx);
        c.Execute("UPDATE candidates SET support_count = support_count - 1 WHERE id = @old", new { old }, tx);
        c.Execute("DELETE FROM candidates WHERE id = @old AND support_count <= 0", new { old }, tx);
        return old;
    }
}
