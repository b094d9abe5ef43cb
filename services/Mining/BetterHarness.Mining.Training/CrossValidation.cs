using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Training;

/// <summary>
/// Grouped k-fold cross-validation over all labelled turns: every dialogue (EURTAD dialogue or tau-bench trace)
/// falls in exactly one fold, the recipe is fitted on the other folds (its calibration and threshold from inner
/// folds of those only), and each fold is measured per source. Reports mean ± sd over folds and the pooled
/// out-of-fold confusion counts.
/// </summary>
public static class CrossValidation
{
    public static Dictionary<string, CrossValidatedMetrics> Run(Recipe recipe, IReadOnlyList<CorrectionRow> rows, IReadOnlyList<LabelledTurn> turns, int folds)
    {
        var perFold = new List<Dictionary<string, DetectorMetrics>>();
        var pooled = new bool[rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            bool InFold(int i) => TrainingSet.StableHash(turns[i].Dialog + "#cv") % folds == fold;
            var train = Enumerable.Range(0, rows.Count).Where(i => !InFold(i)).ToList();
            var test = Enumerable.Range(0, rows.Count).Where(InFold).ToList();
            var fitted = recipe.Fit(train.Select(i => rows[i]).ToList(), train.Select(i => turns[i]).ToList());
            var scores = recipe.Predict(fitted, test.Select(i => rows[i]).ToList());
            for (var k = 0; k < test.Count; k++) pooled[test[k]] = scores[k] >= fitted.Threshold;
            perFold.Add(HeldOutReport.Measure(test.Select(i => turns[i]).ToList(), test.Select((_, k) => scores[k] >= fitted.Threshold).ToArray()));
            Console.Write($"  fold {fold + 1}/{folds}\r");
        }
        var all = HeldOutReport.Measure(turns, pooled);
        return all.Keys.ToDictionary(k => k, k =>
        {
            var m = perFold.Select(f => f[k]).Where(f => f.Positives > 0).ToList();
            return new CrossValidatedMetrics(m.Count,
                Mean(m.Select(x => x.Precision)), Sd(m.Select(x => x.Precision)),
                Mean(m.Select(x => x.Recall)), Sd(m.Select(x => x.Recall)),
                Mean(m.Select(x => x.F1)), Sd(m.Select(x => x.F1)), all[k]);
        });
    }

    private static double Mean(IEnumerable<double> values) => values.DefaultIfEmpty().Average();

    private static double Sd(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count < 2) return 0;
        var mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }

    public static void Print(string title, IReadOnlyDictionary<string, CrossValidatedMetrics> metrics)
    {
        Console.WriteLine(title);
        Console.WriteLine($"{"set",-18} {"pos",5} {"neg",6} {"P (mean±sd)",14} {"R (mean±sd)",14} {"F1 (mean±sd)",14} {"pooled F1",9}");
        foreach (var (name, m) in metrics)
            Console.WriteLine($"{name,-18} {m.Pooled.Positives,5} {m.Pooled.Negatives,6} {m.PrecisionMean,7:0.000}±{m.PrecisionSd,-6:0.000} {m.RecallMean,7:0.000}±{m.RecallSd,-6:0.000} {m.F1Mean,7:0.000}±{m.F1Sd,-6:0.000} {m.Pooled.F1,9:0.000}");
    }
}
