using System.Globalization;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// The figures of a run as key=value lines; the last line is always
/// <c>spans_per_sec=N mb_per_sec=N p50_ms=N p99_ms=N rejected=N</c> so scripts can take it with <c>tail -1</c>.
/// </summary>
public static class LoadReport
{
    public static void Write(TextWriter output, TextWriter progress, LoadMeasurement m, double parseOnlySpansPerSec)
    {
        var spansPerSec = m.SpansOk / m.Seconds;
        var mbPerSec = m.BytesOk / m.Seconds / 1_000_000;
        var ratio = parseOnlySpansPerSec > 0 ? spansPerSec / parseOnlySpansPerSec : 0;
        if (m.FirstError is { } error) progress.WriteLine($"first failure: {error}");
        output.WriteLine(Invariant($"requests_ok={m.RequestsOk} throttled={m.Throttled} failed={m.Failed}"));
        output.WriteLine(Invariant($"durable_vs_parse_only={ratio:F2}"));
        output.WriteLine(Invariant(
            $"spans_per_sec={spansPerSec:F0} mb_per_sec={mbPerSec:F1} p50_ms={m.LatencyPercentile(50):F1} p99_ms={m.LatencyPercentile(99):F1} rejected={m.RejectedSpans}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
