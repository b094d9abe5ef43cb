using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Labels;
using BetterHarness.Mining.Storage;

namespace BetterHarness.Mining.Processing;

/// <summary>
/// A trace's failure was withdrawn (<see cref="TraceFailureWithdrawn"/>): its earlier revisions are superseded. Mining drops
/// the cluster id they brought, never mines them again, and — while the newer revision's own digest has not been mined yet —
/// takes the trace off the candidate an older revision fed (<see cref="EvalCandidateWithdrawn"/>, or the candidate re-proposed
/// without it), unless a person acted on it (labelled a turn of the trace; curation keeps what a reviewer decided or voted
/// for). The newer revision's digest, which ingest publishes too, is then mined from scratch: only its flagged turns count.
/// </summary>
public sealed class SupersededRevisions(WithdrawnFailures withdrawn, CandidateStore store, CandidateWithdrawals withdrawals, LabelStore labels)
{
    /// <summary>Applies the withdrawal; true when the trace's candidate was withdrawn or shrunk now. Idempotent.</summary>
    public bool Apply(TraceFailureWithdrawn m)
    {
        withdrawn.Record(m);
        if (store.Mined(m.TraceId) is not { } mined || mined.Revision >= m.Revision) return false;
        if (withdrawals.SourceOf(m.TraceId) is not { } source) return false;
        if (labels.List(null, m.TraceId).Any(l => LabelSources.IsHuman(l.Source))) return false;
        withdrawals.Withdraw(m.TraceId, source.CandidateId, $"revision {m.Revision} of the trace no longer fails (its failure was withdrawn)");
        return true;
    }
}
