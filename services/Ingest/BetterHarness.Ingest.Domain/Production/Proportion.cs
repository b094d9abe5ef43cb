using MathNet.Numerics.Distributions;

namespace BetterHarness.Ingest.Domain.Production;

/// <summary>A share: <see cref="Count"/> of <see cref="Total"/>, its value and Wilson score 95 % interval.</summary>
public sealed record Proportion(long Count, long Total, double Value, double[] Ci95)
{
    /// <summary>z for a two-sided 95 % interval, from MathNet's normal quantile (1.95996…).</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>
    /// The Wilson score interval: unlike the normal approximation it stays inside [0, 1] and behaves for small counts
    /// and for shares near 0 or 1 (no traces: [0, 1]).
    /// </summary>
    public static Proportion Of(long count, long total)
    {
        if (total <= 0) return new Proportion(0, 0, 0, [0, 1]);
        var p = (double)count / total;
        var z2 = Z95 * Z95;
        var centre = (p + z2 / (2 * total)) / (1 + z2 / total);
        var half = Z95 / (1 + z2 / total) * Math.Sqrt(p * (1 - p) / total + z2 / (4.0 * total * total));
        // At 0 % or 100 % the bound is exactly 0 or 1 (the formula leaves rounding dust there).
        return new Proportion(count, total, p, [count == 0 ? 0 : Math.Max(0, centre - half), count == total ? 1 : Math.Min(1, centre + half)]);
    }
}
