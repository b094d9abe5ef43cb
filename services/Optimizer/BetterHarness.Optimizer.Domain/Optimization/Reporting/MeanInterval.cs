using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace BetterHarness.Optimizer.Domain.Optimization.Reporting;

/// <summary>
/// The 95% interval of a split's pass rate: a t-interval over its cases' pass rates (a case's trials share everything but
/// the model's noise, so the case is the unit, as in the paired test), clipped to [0, 1].
/// </summary>
public static class MeanInterval
{
    public static IReadOnlyList<double>? Ci95(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return null;
        var mean = values.Mean();
        var half = StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * values.StandardDeviation() / Math.Sqrt(values.Count);
        return [Math.Max(0, mean - half), Math.Min(1, mean + half)];
    }
}
