using MathNet.Numerics.Distributions;

namespace BetterHarness.Ingest.Domain.Production;

/// <summary>
/// B against A on one share (e.g. the failure rate of two harness versions). <see cref="Difference"/> = share of B − of A.
/// <see cref="PValue"/> is the two-sided two-proportion z-test with the pooled share under "no difference" (normal
/// distribution from MathNet.Numerics); <see cref="Ci95"/> is Newcombe's hybrid score interval for the difference
/// (built from the two Wilson intervals), which keeps its coverage for small counts where the Wald interval does not.
/// </summary>
public sealed record TwoProportions(Proportion A, Proportion B, double Difference, double[] Ci95, double PValue)
{
    public static TwoProportions Compare(long countA, long totalA, long countB, long totalB)
    {
        var a = Proportion.Of(countA, totalA);
        var b = Proportion.Of(countB, totalB);
        var difference = b.Value - a.Value;
        // Newcombe (1998), method 10.
        var lower = difference - Math.Sqrt(Square(b.Value - b.Ci95[0]) + Square(a.Ci95[1] - a.Value));
        var upper = difference + Math.Sqrt(Square(b.Ci95[1] - b.Value) + Square(a.Value - a.Ci95[0]));
        return new TwoProportions(a, b, difference, [Math.Max(-1, lower), Math.Min(1, upper)], PValueOf(countA, totalA, countB, totalB));
    }

    private static double PValueOf(long countA, long totalA, long countB, long totalB)
    {
        if (totalA == 0 || totalB == 0) return 1;
        var pooled = (double)(countA + countB) / (totalA + totalB);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / totalA + 1.0 / totalB));
        if (se == 0) return 1; // both 0 % or both 100 %: nothing differs
        var z = ((double)countB / totalB - (double)countA / totalA) / se;
        return Math.Clamp(2 * (1 - Normal.CDF(0, 1, Math.Abs(z))), 0, 1);
    }

    private static double Square(double x) => x * x;
}
