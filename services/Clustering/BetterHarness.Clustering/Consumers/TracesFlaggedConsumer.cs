using BetterHarness.Clustering.Engine;
using BetterHarness.Contracts;
using MassTransit;

namespace BetterHarness.Clustering.Consumers;

/// <summary>
/// Flagged-trace digests from ingest → stored and assigned online; assignments and alerts go out through the
/// outbox. A digest whose newer revision is no longer failed or corrected withdraws the trace's failure.
/// Good digests of a batch are kept even when others in it are malformed; the batch then faults with the
/// reasons, so the bad ones reach the error queue (re-driving it later is harmless: storing is idempotent).
/// </summary>
public sealed class TracesFlaggedConsumer(ClusteringEngine engine) : IConsumer<TracesFlagged>
{
    public async Task Consume(ConsumeContext<TracesFlagged> context)
    {
        var traces = context.Message.Traces ?? throw new MalformedDigestException($"batch {context.Message.BatchId} has no traces");
        var checkedDigests = traces.Select(d => (Digest: d, Problem: DigestValidator.Problem(d))).ToList();
        var usable = checkedDigests.Where(c => c.Problem is null).Select(c => c.Digest).ToList();
        if (usable.Count > 0) await engine.IngestAsync(usable, context.CancellationToken);
        var problems = checkedDigests.Where(c => c.Problem is not null).Select(c => c.Problem!).ToList();
        if (problems.Count > 0)
            throw new MalformedDigestException($"{problems.Count} malformed digest(s) in batch {context.Message.BatchId}: {string.Join("; ", problems.Take(5))}");
    }
}
