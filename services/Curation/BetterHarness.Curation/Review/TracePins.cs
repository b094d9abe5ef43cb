using BetterHarness.Contracts;
using BetterHarness.Curation.Storage;
using Dapper;

namespace BetterHarness.Curation.Review;

/// <summary>
/// Tells ingest which traces the review queue and the eval store need kept past retention (<see cref="TracePinsChanged"/>
/// through the outbox, in the transaction of the change it reports). A candidate pins the source traces it was proposed
/// from while it is pending and after it is accepted (its case keeps the link); rejecting, superseding or retiring it
/// releases them. A trace that moves to another candidate is released by the old one.
/// </summary>
public static class TracePins
{
    public static string Holder(string candidateId) => "candidate:" + candidateId;

    public static void Pin(CurationWrite w, string candidateId, IReadOnlyList<string> traceIds) => Publish(w, candidateId, traceIds, true);

    public static void Unpin(CurationWrite w, string candidateId, IReadOnlyList<string> traceIds) => Publish(w, candidateId, traceIds, false);

    /// <summary>Releases every source trace that still feeds the candidate.</summary>
    public static void Release(CurationWrite w, string candidateId) =>
        Unpin(w, candidateId, w.Connection.Query<string>("SELECT trace_id FROM queue_sources WHERE candidate_id = @candidateId ORDER BY trace_id",
            new { candidateId }, w.Transaction).ToList());

    private static void Publish(CurationWrite w, string candidateId, IReadOnlyList<string> traceIds, bool pinned)
    {
        if (traceIds.Count == 0) return;
        w.Publish(new TracePinsChanged { Holder = Holder(candidateId), TraceIds = traceIds, Pinned = pinned, At = w.Now });
    }
}
