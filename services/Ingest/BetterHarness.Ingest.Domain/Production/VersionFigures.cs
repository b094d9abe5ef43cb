using MathNet.Numerics.Statistics;

namespace BetterHarness.Ingest.Domain.Production;

/// <summary>
/// Production figures of one harness version (or of the unknown traces): how many traces, and each signal's share
/// with its Wilson 95 % interval; median and 95th percentile of duration and tokens (MathNet's quantiles).
/// </summary>
public sealed record VersionFigures(
    int? Version, long Traces, Proportion Failed, Proportion Corrected, Proportion NegativeFeedback, Proportion ToolErrors,
    Proportion Loops, double? P50DurationMs, double? P95DurationMs, double? P50Tokens, double? P95Tokens)
{
    public static VersionFigures Of(int? version, IReadOnlyCollection<ProductionTrace> traces)
    {
        long n = traces.Count;
        var durations = traces.Where(t => t.DurationMs is not null).Select(t => t.DurationMs!.Value).ToArray();
        var tokens = traces.Where(t => t.Tokens is not null).Select(t => (double)t.Tokens!.Value).ToArray();
        return new VersionFigures(version, n,
            Proportion.Of(traces.Count(t => t.Failed), n), Proportion.Of(traces.Count(t => t.Corrected), n),
            Proportion.Of(traces.Count(t => t.NegativeFeedback), n), Proportion.Of(traces.Count(t => t.ToolError), n),
            Proportion.Of(traces.Count(t => t.Loop), n),
            Quantile(durations, 0.5), Quantile(durations, 0.95), Quantile(tokens, 0.5), Quantile(tokens, 0.95));
    }

    private static double? Quantile(double[] values, double tau) =>
        values.Length == 0 ? null : Math.Round(values.Quantile(tau), 1);
}
