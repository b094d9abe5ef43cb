using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Publishing;
using BetterHarness.Ingest.Storage;
using BetterHarness.Ingest.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest.Assembly;

/// <summary>
/// Declares traces complete and evaluates them. A trace is due when its root span has ended and no span
/// arrived for the quiet window, or when it is older than the max age. Late spans or feedback on a
/// completed trace mark it amended; it is evaluated again when quiet, with the next revision. Because the
/// state lives in the store, a restart simply continues: every stored, unevaluated trace is still due.
/// When ingest is saturated (requests waiting for the span writer), evaluation yields to it; traces then
/// complete later than their quiet window and the backlog drains once the burst is over.
/// </summary>
public sealed class TraceCompletionWorker(
    TraceStore store, SpanWriter writer, OutboxSignal outbox, IOptions<IngestOptions> options, IngestMetrics metrics,
    TimeProvider clock, ILogger<TraceCompletionWorker> logger) : BackgroundService
{
    private const int BatchSize = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var timer = new PeriodicTimer(o.SweepInterval, clock);
        do
        {
            try
            {
                while (!stoppingToken.IsCancellationRequested && Sweep(o) == BatchSize)
                {
                    // Acknowledging clients comes first: while requests queue for the span writer, evaluation
                    // (deferred work) takes one batch per interval, and catches up once ingest has headroom.
                    if (writer.QueueDepth > 0) break;
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Trace completion sweep failed; retrying next interval");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Evaluates due traces once, saving them in one transaction; returns how many were due.</summary>
    public int Sweep(IngestOptions o)
    {
        var now = clock.GetUtcNow();
        var due = store.FindDue(now.ToUnixTimeMilliseconds(), (long)o.QuietWindow.TotalMilliseconds,
            (long)o.MaxTraceAge.TotalMilliseconds, BatchSize);
        if (due.Count == 0) return 0;
        var ids = due.Select(r => r.Trace_id).ToList();
        var spans = store.LoadSpans(ids);
        var feedback = store.LoadFeedback(ids);
        var evaluations = due.Select(row =>
        {
            var trace = TraceEvaluator.Evaluate(row.Trace_id,
                spans.GetValueOrDefault(row.Trace_id) ?? [], feedback.GetValueOrDefault(row.Trace_id) ?? []);
            var revision = row.Revision + 1;
            var digest = DigestBuilder.ShouldPublish(trace) ? DigestBuilder.Build(trace, (int)revision, now) : null;
            return new TraceEvaluation(row, trace, revision, digest);
        }).ToList();
        var saved = store.SaveEvaluations(evaluations, now.ToUnixTimeMilliseconds());
        metrics.TracesCompleted.Add(saved.Count);
        var orphans = saved.Sum(e => e.Trace.OrphanSpanCount);
        if (orphans > 0) metrics.OrphanSpans.Add(orphans);
        if (saved.Any(e => e.Digest is not null)) outbox.Notify();
        return due.Count;
    }
}
