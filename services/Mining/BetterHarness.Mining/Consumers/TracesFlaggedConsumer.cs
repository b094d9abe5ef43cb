using BetterHarness.Contracts;
using BetterHarness.Mining.Processing;
using MassTransit;

namespace BetterHarness.Mining.Consumers;

/// <summary>
/// Mines each digest of a batch; the <see cref="EvalCandidateProposed"/> for each stored candidate goes out through
/// the outbox, stored in the candidate's own transaction. Valid digests of a batch are stored even when another
/// is malformed; the batch then fails with <see cref="MalformedDigestException"/> (not retried) so the bad digest
/// lands in the error queue with its reason.
/// </summary>
public sealed class TracesFlaggedConsumer(CandidateMiner miner) : IConsumer<TracesFlagged>
{
    public Task Consume(ConsumeContext<TracesFlagged> context)
    {
        var errors = new List<string>();
        foreach (var digest in context.Message.Traces ?? [])
        {
            try
            {
                miner.Mine(digest, context.CancellationToken);
            }
            catch (MalformedDigestException ex) { errors.Add(ex.Message); }
        }
        if (context.Message.Traces is null) errors.Add("batch has no traces");
        if (errors.Count > 0) throw new MalformedDigestException($"batch {context.Message.BatchId}: {string.Join("; ", errors)}");
        return Task.CompletedTask;
    }
}
