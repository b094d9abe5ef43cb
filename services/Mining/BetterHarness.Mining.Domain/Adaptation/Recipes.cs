namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>
/// One way to turn an agent's labels into a detector, fitted on a training set only: the model and its threshold.
/// Every recipe is scored the same way (grouped cross-validation on the agent's labels) before one may replace the shipped model.
/// </summary>
public sealed record Recipe(string Name, Func<IReadOnlyList<TrainingExample>, AdaptedModel> Fit);

/// <summary>The recipes a training pass compares.</summary>
public static class Recipes
{
    /// <summary>The shipped model with only its threshold moved.</summary>
    public const string ShippedThreshold = "shipped-threshold";

    /// <summary>
    /// <c>shipped-threshold</c>: the shipped model's scores, with the threshold chosen on the training labels (one parameter:
    /// the least a few labels can overfit). <c>adapted</c>: the penalised regression toward the shipped model at 0.5.
    /// <c>adapted-threshold</c>: the same, its threshold chosen on its own out-of-fold scores inside the training labels.
    /// </summary>
    public static IReadOnlyList<Recipe> All(Func<IReadOnlyList<TrainingExample>, AdaptedModel> fit, int folds, ThresholdObjective objective = ThresholdObjective.F1) =>
    [
        new(ShippedThreshold, train =>
        {
            var prior = AdaptedModel.Prior(train[0].Row.Width);
            return prior with { Threshold = ThresholdChoice.Best(Labels(train), [.. train.Select(e => prior.Score(e.Row))], objective: objective) };
        }),
        new("adapted", fit),
        new("adapted-threshold", train =>
        {
            var model = fit(train);
            var inner = GroupedCrossValidation.OutOfFold(fit, train, folds);
            return model with { Threshold = ThresholdChoice.Best(Labels(train), inner, objective: objective) };
        }),
    ];

    public static IReadOnlyList<Recipe> All(AdaptationTrainer trainer, int folds) => All(trainer.Fit, folds);

    private static bool[] Labels(IReadOnlyList<TrainingExample> examples) => [.. examples.Select(e => e.Label)];
}
