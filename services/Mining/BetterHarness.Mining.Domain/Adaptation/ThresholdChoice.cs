namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>
/// The decision threshold that maximises F1 on labelled scores, chosen only from the labels it is given (a training fold's,
/// never the fold it is scored on). Candidates are the midpoints between neighbouring scores within [0.05, 0.95]; among
/// equal F1s the one nearest 0.5 wins, so too few labels leave the threshold where it was.
/// </summary>
public static class ThresholdChoice
{
    public static double Best(IReadOnlyList<bool> labels, IReadOnlyList<double> scores, double fallback = 0.5)
    {
        if (!labels.Contains(true) || !labels.Contains(false)) return fallback;
        var sorted = scores.Distinct().Order().ToList();
        var candidates = sorted.Zip(sorted.Skip(1), (a, b) => (a + b) / 2).Where(t => t is >= 0.05 and <= 0.95).Append(fallback);
        var best = fallback;
        var bestF1 = F1(labels, scores, fallback);
        foreach (var t in candidates)
        {
            var f1 = F1(labels, scores, t);
            if (f1 > bestF1 + 1e-12 || (Math.Abs(f1 - bestF1) <= 1e-12 && Math.Abs(t - 0.5) < Math.Abs(best - 0.5))) (best, bestF1) = (t, f1);
        }
        return best;
    }

    private static double F1(IReadOnlyList<bool> labels, IReadOnlyList<double> scores, double threshold)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i]) tp++;
            else if (predicted) fp++;
            else if (labels[i]) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
