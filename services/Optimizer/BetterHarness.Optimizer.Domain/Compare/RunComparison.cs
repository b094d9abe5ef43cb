using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace BetterHarness.Optimizer.Domain.Compare;

/// <summary>A case's pass rate in one run, with what a comparison groups it by.</summary>
public sealed record CaseScore(string CaseId, string Category, double PassRate);

/// <param name="Outcome"><c>win</c> when run B passes the case more often than run A, <c>loss</c> when less, else <c>tie</c>.</param>
public sealed record CaseOutcome(string CaseId, string Category, double A, double B, string Outcome);

public sealed record CategoryDelta(string Category, int Cases, double A, double B, double Delta);

/// <summary>
/// B against A over the cases both ran. <see cref="Difference"/> = mean per-case pass rate of B − of A;
/// <see cref="PValue"/> is a two-sided paired t-test over the per-case differences and <see cref="Ci95"/> its
/// 95 % confidence interval (Student t, n − 1 degrees of freedom).
/// </summary>
public sealed record ComparisonResult(IReadOnlyList<CaseOutcome> Cases, IReadOnlyList<CategoryDelta> ByCategory,
    double Difference, double[] Ci95, double PValue, int Wins, int Losses, int Ties, IReadOnlyList<string> OnlyInA, IReadOnlyList<string> OnlyInB);

/// <summary>
/// Compares two runs case by case. Cases are the unit of pairing (trials are averaged within a case first), so
/// the test asks whether B passes the same cases more often than A beyond run-to-run noise. A paired t-test
/// rather than a sign test because per-case pass rates with k trials are not just win/lose; the interval comes
/// from the same t distribution (MathNet.Numerics).
/// </summary>
public static class RunComparison
{
    public static ComparisonResult Compare(IReadOnlyList<CaseScore> a, IReadOnlyList<CaseScore> b)
    {
        var byIdA = a.GroupBy(c => c.CaseId).ToDictionary(g => g.Key, g => g.First());
        var byIdB = b.GroupBy(c => c.CaseId).ToDictionary(g => g.Key, g => g.First());
        var cases = byIdA.Values.Where(c => byIdB.ContainsKey(c.CaseId)).Select(c =>
        {
            var other = byIdB[c.CaseId];
            var outcome = other.PassRate > c.PassRate ? "win" : other.PassRate < c.PassRate ? "loss" : "tie";
            return new CaseOutcome(c.CaseId, c.Category, c.PassRate, other.PassRate, outcome);
        }).OrderBy(c => c.CaseId, StringComparer.Ordinal).ToList();

        var categories = cases.GroupBy(c => c.Category).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CategoryDelta(g.Key, g.Count(), g.Average(c => c.A), g.Average(c => c.B), g.Average(c => c.B - c.A)))
            .ToList();
        var (difference, ci, p) = PairedTest(cases.Select(c => c.B - c.A).ToArray());
        return new ComparisonResult(cases, categories, difference, ci, p,
            cases.Count(c => c.Outcome == "win"), cases.Count(c => c.Outcome == "loss"), cases.Count(c => c.Outcome == "tie"),
            byIdA.Keys.Where(k => !byIdB.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(),
            byIdB.Keys.Where(k => !byIdA.ContainsKey(k)).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Mean difference, its 95 % interval and the two-sided p-value of "mean difference = 0".</summary>
    public static (double Mean, double[] Ci95, double PValue) PairedTest(IReadOnlyList<double> differences)
    {
        if (differences.Count == 0) return (0, [0, 0], 1);
        var mean = differences.Mean();
        if (differences.Count == 1) return (mean, [mean, mean], 1);
        var sd = differences.StandardDeviation();
        // Every case moved by exactly the same amount: no spread, so nothing to test against.
        if (sd == 0) return (mean, [mean, mean], mean == 0 ? 1 : 0);
        var se = sd / Math.Sqrt(differences.Count);
        var df = differences.Count - 1;
        var t = mean / se;
        var p = 2 * (1 - StudentT.CDF(0, 1, df, Math.Abs(t)));
        var half = StudentT.InvCDF(0, 1, df, 0.975) * se;
        return (mean, [mean - half, mean + half], Math.Clamp(p, 0, 1));
    }
}
