using System.Diagnostics;
using System.Globalization;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// A load run: build templates, measure parse-only speed, check the endpoint answers, then drive the
/// senders through warm-up and the measured window. Figures go to <c>output</c> as key=value lines;
/// progress goes to <c>progress</c> (stderr) so scripts can read stdout alone.
/// </summary>
public sealed class LoadRunner(LoadgenSettings settings, TextWriter output, TextWriter progress)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var templates = TemplateBuilder.Build(settings.Profile, settings.SpansPerRequest, LoadgenSettings.TemplateCount);
        var bytesPerSpan = templates.Average(t => (double)t.Bytes.Length / t.SpanCount);
        progress.WriteLine(Invariant($"loadgen: profile {settings.Profile.Name}, {settings.SpansPerRequest} spans/request ") +
            Invariant($"(~{bytesPerSpan:F0} B/span, {templates[0].Bytes.Length / 1024.0:F0} KiB/request), {settings.Protocol} -> {settings.Endpoint}, ") +
            Invariant($"{settings.Concurrency} in flight, {settings.Warmup.TotalSeconds:F0} s warm-up + {settings.Duration.TotalSeconds:F0} s"));

        using var transport = settings.CreateTransport();
        await ProbeAsync(transport, ct);
        var parseOnly = ParseOnlyBenchmark.SpansPerSecond(templates, LoadgenSettings.ParseOnlyDuration);
        output.WriteLine(Invariant($"parse_only_spans_per_sec={parseOnly:F0}"));

        var measurement = await DriveAsync(transport, templates, ct);
        LoadReport.Write(output, progress, measurement, parseOnly);
        return measurement.RequestsOk > 0 ? 0 : 1;
    }

    // An empty export request is valid OTLP and stores nothing: it proves the endpoint is there (and the key
    // accepted) before the run, so a wrong address fails at once with one clear message.
    private static async Task ProbeAsync(ILoadTransport transport, CancellationToken ct)
    {
        var result = await transport.SendAsync([], ct);
        if (result.Status == SendStatus.Failed)
            throw new CommandFailedException($"{transport.Target} did not accept an empty export request: {result.Error}");
    }

    private async Task<LoadMeasurement> DriveAsync(ILoadTransport transport, IReadOnlyList<RequestTemplate> templates, CancellationToken ct)
    {
        var measurement = new LoadMeasurement();
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var sequence = new TraceSequence();
        var workers = Enumerable.Range(0, settings.Concurrency)
            .Select(i => Task.Run(() => new LoadWorker(transport, templates, sequence, measurement, measureFrom, stopAt).RunAsync(i, ct), ct))
            .ToArray();
        var all = Task.WhenAll(workers);
        // The ticker ignores ct on purpose: Ctrl-C stops the senders, and `all` then ends the loop.
        while (await Task.WhenAny(all, Task.Delay(ProgressInterval, CancellationToken.None)) != all)
            ReportProgress(measurement, start, measureFrom);
        await all; // surfaces CommandFailedException (server went away, key refused) from any sender
        measurement.Seconds = Math.Max(Stopwatch.GetElapsedTime(measureFrom).TotalSeconds, 0.001);
        return measurement;
    }

    private void ReportProgress(LoadMeasurement m, long start, long measureFrom)
    {
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (Stopwatch.GetTimestamp() < measureFrom) { progress.WriteLine(Invariant($"  [{elapsed,4:F0} s] warming up")); return; }
        var measured = Stopwatch.GetElapsedTime(measureFrom).TotalSeconds;
        progress.WriteLine(Invariant($"  [{elapsed,4:F0} s] {m.SpansOk / measured,10:N0} spans/s  {m.RequestsOk:N0} requests ok, ") +
                           Invariant($"{m.Throttled:N0} throttled, {m.Failed:N0} failed"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
