using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Training;

/// <summary>Picks the decision threshold from out-of-fold predictions on the training part only (never the held-out part).</summary>
public static class ThresholdSearch
{
    public static double FromCrossValidation(DetectorTrainer trainer, IReadOnlyList<CorrectionRow> rows, IReadOnlyList<LabelledTurn> turns, int folds = 4)
    {
        var outOfFold = new float[rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            bool InFold(int i) => TrainingSet.StableHash(turns[i].Dialog + "#fold") % folds == fold;
            var fit = trainer.Train(Enumerable.Range(0, rows.Count).Where(i => !InFold(i)).Select(i => rows[i]).ToList());
            var test = Enumerable.Range(0, rows.Count).Where(InFold).ToList();
            var p = trainer.Probabilities(fit, test.Select(i => rows[i]).ToList());
            for (var k = 0; k < test.Count; k++) outOfFold[test[k]] = p[k];
        }
        // Tuned where it is hard: annotated dialogue turns and agent turns, not the easy random negatives.
        var hard = Enumerable.Range(0, rows.Count).Where(i => !turns[i].Source.StartsWith("eurtad-random", StringComparison.Ordinal)).ToList();
        var best = (Threshold: 0.5, F1: -1.0);
        // Kept to the middle: with ~40 positive votes the F1 curve is noisy at the extremes.
        for (var t = 0.25; t <= 0.751; t += 0.025)
        {
            var f1 = DetectorMetrics.From(hard.Select(i => (turns[i].Label, outOfFold[i] >= t)).ToList()).F1;
            if (f1 > best.F1) best = (Math.Round(t, 3), f1);
        }
        Console.WriteLine($"threshold {best.Threshold:0.###} (out-of-fold F1 {best.F1:0.###} on the training part)");
        return best.Threshold;
    }
}
