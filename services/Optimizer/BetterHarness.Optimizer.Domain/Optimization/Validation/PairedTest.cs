using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace BetterHarness.Optimizer.Domain.Optimization.Validation;

/// <summary>
/// One-sided paired t-test over cases: each case contributes the difference of its pass rates (candidate − current,
/// each the mean of its k trials). Cases are the unit because a case's trials share everything but the model's
/// noise, so they are not independent samples; averaging trials inside a case turns run-to-run noise into a smaller
/// per-case variance the test sees. Chosen over a sign test because it uses partial gains (1/3 → 2/3) that a sign
/// test counts like 0 → 1, and the same difference gets a 95% confidence interval for the report. Distributions
/// come from MathNet.Numerics (Student's t).
/// </summary>
public static class PairedTest
{
    public static PairedTestResult Run(IReadOnlyList<double> differences)
    {
        var n = differences.Count;
        if (n == 0) return new PairedTestResult(0, 1, 0, 0);
        var mean = differences.Mean();
        if (n < 2) return new PairedTestResult(mean, mean > 0 ? 0.5 : 1, mean, mean);
        var sd = differences.StandardDeviation();
        if (sd == 0)
            // Every case moved by exactly the same amount: no noise to measure it against.
            return new PairedTestResult(mean, mean > 0 ? 0 : 1, mean, mean);
        var standardError = sd / Math.Sqrt(n);
        var t = mean / standardError;
        var p = 1 - StudentT.CDF(0, 1, n - 1, t);
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * standardError;
        return new PairedTestResult(mean, p, mean - half, mean + half);
    }
}

/// <param name="MeanDifference">Mean per-case pass-rate difference (candidate − current).</param>
/// <param name="PValue">One-sided: the chance of a mean gain this large if the change did nothing.</param>
/// <param name="Ci95Low">Two-sided 95% confidence interval of the mean difference.</param>
public sealed record PairedTestResult(double MeanDifference, double PValue, double Ci95Low, double Ci95High);
