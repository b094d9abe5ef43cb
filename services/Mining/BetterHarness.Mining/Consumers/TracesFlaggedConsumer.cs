using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Processing;
using MassTransit;

namespace BetterHarness.Mining.Consumers;

/// <summary>
/// Mines each digest of a batch and publishes <see cref="EvalCandidateProposed"/> for each stored candidate.
/// Valid digests of a batch are stored even when another is malformed; the batch then fails with
/// <see cref="MalformedDigestException"/> (not retried) so the bad digest lands in the error queue with its
/// reason. Redelivery re-publishes the stored outcome: store first, then publish, and nothing is lost.
/// </summary>
public sealed class TracesFlaggedConsumer(CandidateMiner miner, TimeProvider clock) : IConsumer<TracesFlagged>
{
    public async Task Consume(ConsumeContext<TracesFlagged> context)
    {
        var errors = new List<string>();
        foreach (var digest in context.Message.Traces ?? [])
        {
            try
            {
                var outcome = miner.Mine(digest, context.CancellationToken);
                if (ProposedEvents.For(outcome, clock.GetUtcNow()) is { } proposed) await context.Publish(proposed, context.CancellationToken);
            }
            catch (MalformedDigestException ex) { errors.Add(ex.Message); }
        }
        if (context.Message.Traces is null) errors.Add("batch has no traces");
        if (errors.Count > 0) throw new MalformedDigestException($"batch {context.Message.BatchId}: {string.Join("; ", errors)}");
    }
}
