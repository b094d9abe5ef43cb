using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Harnesses;
using BetterHarness.Ingest.Harnesses;
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
/// Evaluation is deferred work and runs on its own thread at a lower OS priority, so acknowledging
/// clients always comes first: under a saturating load traces complete later than their quiet window and
/// the backlog drains as soon as ingest leaves CPU to spare.
/// </summary>
public sealed class TraceCompletionWorker(
    TraceStore store, SpanWriter writer, OutboxStore outbox, HarnessCatalog harnesses, IOptions<IngestOptions> options, IngestMetrics metrics,
    TimeProvider clock, ILogger<TraceCompletionWorker> logger) : BackgroundService
{
    private readonly HarnessAttributor _attributor = new(options.Value.HarnessNearMatchThreshold);

    private const int BatchSize = 128;
    private static readonly TimeSpan YieldPause = TimeSpan.FromMilliseconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { Run(stoppingToken); }
            finally { done.TrySetResult(); }
        }) { IsBackground = true, Name = "trace-completion" };
        thread.Start();
        return done.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        if (!BackgroundPriority.LowerCurrentThread())
            logger.LogDebug("Could not lower the trace-completion thread's priority; it shares the CPU evenly");
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (!stoppingToken.IsCancellationRequested && Sweep(o) == BatchSize)
                {
                    // Short transactions, and a pause while requests wait for the span writer, so the single
                    // SQLite write lock goes to ingest first.
                    if (writer.QueueDepth > 0) stoppingToken.WaitHandle.WaitOne(YieldPause);
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Trace completion sweep failed; retrying next interval");
            }
            stoppingToken.WaitHandle.WaitOne(o.SweepInterval);
        }
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
            var trace = SafeEvaluation.Evaluate(row.Trace_id,
                spans.GetValueOrDefault(row.Trace_id) ?? [], feedback.GetValueOrDefault(row.Trace_id) ?? [], logger);
            var revision = row.Revision + 1;
            // A revision that is no longer flagged is still published when an earlier one was, so downstream
            // consumers see that the newest revision supersedes the failure they hold.
            var publish = DigestBuilder.ShouldPublish(trace, o.IncludeEvalRunTraces) || row.WasFlagged;
            var digest = publish ? DigestBuilder.Build(trace, (int)revision, now) : null;
            return new TraceEvaluation(row, trace, revision, digest, o.HarnessAttribution ? Attribute(trace) : null);
        }).ToList();
        var saved = store.SaveEvaluations(evaluations, now.ToUnixTimeMilliseconds());
        metrics.TracesCompleted.Add(saved.Count);
        var orphans = saved.Sum(e => e.Trace.OrphanSpanCount);
        if (orphans > 0) metrics.OrphanSpans.Add(orphans);
        if (saved.Any(e => e.Digest is not null)) outbox.Signal.Notify();
        return due.Count;
    }

    private HarnessAttribution Attribute(Domain.Traces.NormalizedTrace trace)
    {
        try
        {
            return _attributor.Attribute(trace.DeclaredHarnessVersion, trace.SystemInstructions, trace.ToolDefinitions,
                harnesses.For(trace.AgentName, trace.ServiceName));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Trace {TraceId} could not be attributed to a harness version; counted as unknown", trace.TraceId);
            return new HarnessAttribution(null, HarnessAttribution.Unknown, null, null);
        }
    }
}
