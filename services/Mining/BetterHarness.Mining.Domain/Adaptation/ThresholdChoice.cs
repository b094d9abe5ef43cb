namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>What a chosen threshold maximises on the labels it is given.</summary>
public enum ThresholdObjective
{
    /// <summary>F1.</summary>
    F1,

    /// <summary>The smaller of precision and recall (then F1): a threshold where both are as high as they can be together.</summary>
    Balanced,
}

/// <summary>
/// The decision threshold that maximises an objective on labelled scores, chosen only from the labels it is given (a training
/// fold's, never the fold it is scored on). Candidates are the midpoints between neighbouring scores within [0.05, 0.95]; among
/// equal values the one nearest 0.5 wins, so too few labels leave the threshold where it was.
/// </summary>
public static class ThresholdChoice
{
    public static double Best(IReadOnlyList<bool> labels, IReadOnlyList<double> scores, double fallback = 0.5, ThresholdObjective objective = ThresholdObjective.F1)
    {
        if (!labels.Contains(true) || !labels.Contains(false)) return fallback;
        var sorted = scores.Distinct().Order().ToList();
        var candidates = sorted.Zip(sorted.Skip(1), (a, b) => (a + b) / 2).Where(t => t is >= 0.05 and <= 0.95).Append(fallback);
        var best = fallback;
        var bestValue = Value(labels, scores, fallback, objective);
        foreach (var t in candidates)
        {
            var value = Value(labels, scores, t, objective);
            var cmp = Compare(value, bestValue);
            if (cmp > 0 || (cmp == 0 && Math.Abs(t - 0.5) < Math.Abs(best - 0.5))) (best, bestValue) = (t, value);
        }
        return best;
    }

    private static int Compare((double Primary, double F1) a, (double Primary, double F1) b) =>
        Math.Abs(a.Primary - b.Primary) > 1e-12 ? a.Primary.CompareTo(b.Primary) : Math.Abs(a.F1 - b.F1) > 1e-12 ? a.F1.CompareTo(b.F1) : 0;

    private static (double Primary, double F1) Value(IReadOnlyList<bool> labels, IReadOnlyList<double> scores, double threshold, ThresholdObjective objective)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i]) tp++;
            else if (predicted) fp++;
            else if (labels[i]) fn++;
        }
        var f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return objective == ThresholdObjective.F1 ? (f1, f1) : (tp == 0 ? 0 : Math.Min(tp / (double)(tp + fp), tp / (double)(tp + fn)), f1);
    }
}
