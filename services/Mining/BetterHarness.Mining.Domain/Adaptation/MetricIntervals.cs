using BetterHarness.Mining.Domain.Detection;
using MathNet.Numerics.Distributions;

namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>A 95% interval.</summary>
public sealed record Interval(double Low, double High);

/// <summary>Precision, recall and F1 with 95% intervals: Wilson for the two proportions, a bootstrap over conversations for F1.</summary>
public sealed record MetricsWithIntervals(int Labels, int Positives, double Precision, double Recall, double F1,
    Interval PrecisionInterval, Interval RecallInterval, Interval F1Interval)
{
    private const int Resamples = 400;

    public static MetricsWithIntervals From(IReadOnlyList<TrainingExample> examples, IReadOnlyList<double> scores, double threshold)
    {
        var m = GroupedCrossValidation.Measure(examples, scores, threshold);
        return new MetricsWithIntervals(examples.Count, m.Positives, m.Precision, m.Recall, m.F1,
            Wilson(m.TruePositives, m.TruePositives + m.FalsePositives), Wilson(m.TruePositives, m.Positives),
            BootstrapF1(examples, scores, threshold));
    }

    public static Interval Wilson(int successes, int trials)
    {
        if (trials == 0) return new Interval(0, 1);
        var z = Normal.InvCDF(0, 1, 0.975);
        var p = successes / (double)trials;
        var centre = (p + z * z / (2 * trials)) / (1 + z * z / trials);
        var half = z / (1 + z * z / trials) * Math.Sqrt(p * (1 - p) / trials + z * z / (4.0 * trials * trials));
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// 95% interval of F1(<paramref name="a"/>) − F1(<paramref name="b"/>) on the same labels: a paired percentile bootstrap over
    /// conversations (fixed seed). A low end above 0 means <paramref name="a"/> is better beyond the labels' noise.
    /// </summary>
    public static Interval F1Difference(IReadOnlyList<TrainingExample> examples, IReadOnlyList<double> a, IReadOnlyList<double> b, double threshold)
    {
        var byGroup = examples.Select((e, i) => (e.Group, Truth: e.Label, A: a[i] >= threshold, B: b[i] >= threshold))
            .GroupBy(r => r.Group, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        if (byGroup.Count == 0) return new Interval(0, 0);
        var random = new Random(21);
        var diffs = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            int tpA = 0, fpA = 0, fnA = 0, tpB = 0, fpB = 0, fnB = 0;
            for (var k = 0; k < byGroup.Count; k++)
                foreach (var row in byGroup[random.Next(byGroup.Count)])
                {
                    if (row.Truth && row.A) tpA++; else if (row.A) fpA++; else if (row.Truth) fnA++;
                    if (row.Truth && row.B) tpB++; else if (row.B) fpB++; else if (row.Truth) fnB++;
                }
            diffs[r] = new DetectorMetrics(0, 0, tpA, fpA, fnA).F1 - new DetectorMetrics(0, 0, tpB, fpB, fnB).F1;
        }
        Array.Sort(diffs);
        return new Interval(diffs[(int)(0.025 * (Resamples - 1))], diffs[(int)(0.975 * (Resamples - 1))]);
    }

    /// <summary>Percentile bootstrap, conversations resampled with replacement (fixed seed: the same labels give the same interval).</summary>
    private static Interval BootstrapF1(IReadOnlyList<TrainingExample> examples, IReadOnlyList<double> scores, double threshold)
    {
        var byGroup = examples.Select((e, i) => (e.Group, Truth: e.Label, Predicted: scores[i] >= threshold))
            .GroupBy(r => r.Group, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        if (byGroup.Count == 0) return new Interval(0, 1);
        var random = new Random(20);
        var f1s = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var k = 0; k < byGroup.Count; k++)
                foreach (var row in byGroup[random.Next(byGroup.Count)])
                {
                    if (row.Truth && row.Predicted) tp++;
                    else if (!row.Truth && row.Predicted) fp++;
                    else if (row.Truth) fn++;
                }
            f1s[r] = new DetectorMetrics(0, 0, tp, fp, fn).F1;
        }
        Array.Sort(f1s);
        return new Interval(f1s[(int)(0.025 * (Resamples - 1))], f1s[(int)(0.975 * (Resamples - 1))]);
    }
}
