using System.Diagnostics;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// One sender: stamps a template with fresh trace ids, sends it, waits for the answer, repeats until the
/// deadline. Requests that start during warm-up are sent but not measured.
/// </summary>
public sealed class LoadWorker(ILoadTransport transport, IReadOnlyList<RequestTemplate> templates,
    TraceSequence sequence, LoadMeasurement measurement, long measureFromTimestamp, long stopAtTimestamp)
{
    // Long enough to relieve a throttling server, short enough not to idle through a short run.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DefaultBackoff = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(int index, CancellationToken ct)
    {
        var buffers = templates.Select(t => t.NewBuffer()).ToArray();
        var latencies = measurement.NewLatencyList();
        for (var i = index; Stopwatch.GetTimestamp() < stopAtTimestamp && !ct.IsCancellationRequested; i++)
        {
            var k = i % templates.Count;
            var (template, buffer) = (templates[k], buffers[k]);
            template.Stamp(buffer, sequence.Next());
            var started = Stopwatch.GetTimestamp();
            SendResult result;
            try
            {
                result = await transport.SendAsync(buffer, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            var measured = started >= measureFromTimestamp;
            switch (result.Status)
            {
                case SendStatus.Ok:
                    if (measured)
                        measurement.RecordOk(template.SpanCount, buffer.Length, result.RejectedSpans,
                            Stopwatch.GetElapsedTime(started).TotalMilliseconds, latencies);
                    break;
                case SendStatus.Throttled:
                    if (measured) measurement.RecordThrottled();
                    await PauseAsync(ThrottleDelay(result.RetryAfter), ct);
                    break;
                default:
                    if (measured) measurement.RecordFailed(result.Error);
                    await PauseAsync(DefaultBackoff, ct);
                    break;
            }
        }
    }

    private static TimeSpan ThrottleDelay(TimeSpan? retryAfter) =>
        retryAfter is not { } asked ? DefaultBackoff : asked < MaxBackoff ? asked : MaxBackoff;

    private static async Task PauseAsync(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct); }
        catch (OperationCanceledException) { /* Ctrl-C: the loop condition ends the worker */ }
    }
}
