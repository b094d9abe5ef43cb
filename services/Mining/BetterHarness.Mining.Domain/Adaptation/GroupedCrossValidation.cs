using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>
/// Scores an adaptation recipe on an agent's own labels: k folds by conversation (every turn of a conversation in one
/// fold), each fold scored by a model fitted on the others. The shipped model needs no fitting, so its score on every
/// label is already out of sample: both are measured on the same labels at their own decision threshold.
/// </summary>
public static class GroupedCrossValidation
{
    public const int DefaultFolds = 5;

    /// <summary>Out-of-fold adapted scores, in the order of <paramref name="examples"/>.</summary>
    public static double[] OutOfFold(AdaptationTrainer trainer, IReadOnlyList<TrainingExample> examples, int folds = DefaultFolds) =>
        OutOfFold(trainer.Fit, examples, folds);

    /// <summary>Out-of-fold scores of models fitted by <paramref name="fit"/>, in the order of <paramref name="examples"/>.</summary>
    public static double[] OutOfFold(Func<IReadOnlyList<TrainingExample>, AdaptedModel> fit, IReadOnlyList<TrainingExample> examples, int folds = DefaultFolds)
    {
        var fold = Folds(examples, folds);
        var scores = new double[examples.Count];
        for (var k = 0; k < folds; k++)
        {
            var train = examples.Where((_, i) => fold[i] != k).ToList();
            var model = train.Count == 0 || train.All(e => e.Label) || train.All(e => !e.Label)
                ? AdaptedModel.Prior(examples[0].Row.Width) : fit(train);
            for (var i = 0; i < examples.Count; i++) if (fold[i] == k) scores[i] = model.Score(examples[i].Row);
        }
        return scores;
    }

    /// <summary>
    /// Out-of-fold decisions of a recipe, in the order of <paramref name="examples"/>, as scores centred on 0.5: each fold's
    /// model decides at its own threshold, mapped to 0.5 (log-odds shifted by the threshold's), so one cut scores them all.
    /// </summary>
    public static double[] OutOfFoldDecisions(Func<IReadOnlyList<TrainingExample>, AdaptedModel> fit, IReadOnlyList<TrainingExample> examples, int folds = DefaultFolds)
    {
        var fold = Folds(examples, folds);
        var decisions = new double[examples.Count];
        for (var k = 0; k < folds; k++)
        {
            var train = examples.Where((_, i) => fold[i] != k).ToList();
            var model = train.Count == 0 || train.All(e => e.Label) || train.All(e => !e.Label) ? AdaptedModel.Prior(examples[0].Row.Width) : fit(train);
            var shift = Math.Log(model.Threshold / (1 - model.Threshold));
            for (var i = 0; i < examples.Count; i++)
                if (fold[i] == k) decisions[i] = 1 / (1 + Math.Exp(-(model.LogOdds(examples[i].Row) - shift)));
        }
        return decisions;
    }

    /// <summary>Fold of each example: conversations shuffled by a stable hash, then dealt round-robin so folds get similar numbers of conversations.</summary>
    public static int[] Folds(IReadOnlyList<TrainingExample> examples, int folds)
    {
        var groups = examples.Select(e => e.Group).Distinct(StringComparer.Ordinal).OrderBy(Fnv).ThenBy(g => g, StringComparer.Ordinal).ToList();
        var foldOf = groups.Select((g, i) => (g, i % folds)).ToDictionary(p => p.g, p => p.Item2, StringComparer.Ordinal);
        return [.. examples.Select(e => foldOf[e.Group])];
    }

    public static DetectorMetrics Measure(IReadOnlyList<TrainingExample> examples, IReadOnlyList<double> scores, double threshold) =>
        DetectorMetrics.From(examples.Select((e, i) => (e.Label, scores[i] >= threshold)).ToList());

    private static uint Fnv(string text)
    {
        var hash = 2166136261;
        foreach (var c in text) hash = (hash ^ c) * 16777619;
        return hash;
    }
}
