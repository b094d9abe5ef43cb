using System.Diagnostics;
using BetterHarness.Ingest.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest.Retention;

/// <summary>What one retention pass did. Bytes are the file's (page count × page size) before and after.</summary>
public sealed record RetentionPass(DateTimeOffset StartedAt, double Seconds, int Traces, long Spans, int Digests, long BytesBefore, long BytesAfter,
    bool Shrinks);

/// <summary>
/// Runs retention passes: every <see cref="RetentionOptions.Interval"/>, or now on request. A pass deletes aged-out
/// traces rule by rule in short batches, and between batches lets every request waiting for the span writer commit
/// first, so ingest is never blocked for longer than one batch. It prunes published digests past the redrive window
/// (whatever the trace retention), then gives the freed pages back in short steps.
/// </summary>
public sealed class RetentionWorker(RetentionStore store, SpanWriter writer, IOptions<RetentionOptions> options,
    IOptions<IngestOptions> ingest, TimeProvider clock, ILogger<RetentionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPassDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxYield = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The last pass that finished, if any since start.</summary>
    public RetentionPass? LastPass { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstPassDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await RunAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Retention pass failed; retrying next interval");
                }
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Runs a pass now (waiting for one already running to finish first).</summary>
    public async Task<RetentionPass> RunAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var pass = await Task.Run(() => Pass(ct), ct);
            LastPass = pass;
            if (pass.Traces + pass.Digests > 0)
                logger.LogInformation("Retention: {Traces} traces ({Spans} spans) aged out, {Digests} published digests pruned in {Seconds:0.0} s; file {Before} → {After} bytes",
                    pass.Traces, pass.Spans, pass.Digests, pass.Seconds, pass.BytesBefore, pass.BytesAfter);
            return pass;
        }
        finally { _gate.Release(); }
    }

    private RetentionPass Pass(CancellationToken ct)
    {
        var o = options.Value;
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var before = store.Size();
        var (traces, spans) = (0, 0L);
        foreach (var rule in RetentionRule.For(o, started.ToUnixTimeMilliseconds()))
        {
            var after = long.MinValue;
            while (!ct.IsCancellationRequested)
            {
                var batch = store.DeleteBatch(rule, after, o.BatchSize, clock.GetUtcNow().ToUnixTimeMilliseconds());
                traces += batch.Traces;
                spans += batch.Spans;
                after = batch.LastCompletedMs;
                if (batch.Traces < o.BatchSize) break;
                YieldToIngest(ct);
            }
        }
        var digests = 0;
        for (int pruned; !ct.IsCancellationRequested && (pruned = store.PruneOutbox((long)ingest.Value.RedriveWindowOnStart.TotalMilliseconds, o.BatchSize)) > 0;)
        {
            digests += pruned;
            YieldToIngest(ct);
        }
        var shrinks = store.CanShrink();
        if (shrinks && traces + digests > 0)
        {
            while (!ct.IsCancellationRequested && store.VacuumStep() > 0) YieldToIngest(ct);
            store.Checkpoint();
        }
        else if (traces + digests > 0) store.MakeSpaceReusable();
        var end = store.Size();
        return new RetentionPass(started, watch.Elapsed.TotalSeconds, traces, spans, digests, before.Pages * before.PageSize,
            end.Pages * end.PageSize, shrinks);
    }

    /// <summary>Waits (up to a second) while requests queue for the span writer: the write lock goes to ingest first.</summary>
    private void YieldToIngest(CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (writer.QueueDepth > 0 && waited.Elapsed < MaxYield && !ct.IsCancellationRequested) Thread.Sleep(5);
    }
}
