namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>The outcome of one training pass for an agent.</summary>
/// <param name="Model">The adapted model fitted on every label (null when there were too few labels to train).</param>
/// <param name="Adapted">Its grouped cross-validated figures on the agent's person labels.</param>
/// <param name="Shipped">The shipped model's figures on the same labels.</param>
/// <param name="Better">Whether the adapted model beats the shipped one there (higher F1): only then may it become active.</param>
public sealed record AdaptationOutcome(AdaptedModel? Model, MetricsWithIntervals? Adapted, MetricsWithIntervals Shipped, bool Better, string Reason);

/// <summary>
/// One training pass: below the minimum labels nothing is trained; otherwise the recipe is scored by grouped
/// cross-validation on the agent's own labels against the shipped model on the same labels, and the final model is fitted
/// on all of them.
/// </summary>
public sealed class AdaptationPass(AdaptationTrainer trainer, int minLabels, int minPositives, int folds = GroupedCrossValidation.DefaultFolds)
{
    public AdaptationOutcome Run(IReadOnlyList<TrainingExample> examples)
    {
        var scored = examples.Where(e => e.Person).ToList();
        var shippedScores = scored.Select(e => 1 / (1 + Math.Exp(-e.Row.Logit))).ToList();
        var shipped = MetricsWithIntervals.From(scored, shippedScores, 0.5);
        var positives = scored.Count(e => e.Label);
        if (scored.Count < minLabels || positives < minPositives || scored.Count - positives < minPositives)
            return new AdaptationOutcome(null, null, shipped, false,
                $"{scored.Count} labels with {positives} corrections; training needs at least {minLabels} with {minPositives} corrections and {minPositives} others");
        var outOfFold = GroupedCrossValidation.OutOfFold(trainer, examples, folds);
        var adapted = MetricsWithIntervals.From(scored, [.. examples.Select((e, i) => (e, i)).Where(p => p.e.Person).Select(p => outOfFold[p.i])], 0.5);
        var better = adapted.F1 > shipped.F1;
        var model = trainer.Fit(examples);
        return new AdaptationOutcome(model, adapted, shipped, better, better
            ? $"cross-validated F1 {adapted.F1:0.000} beats the shipped model's {shipped.F1:0.000} on {scored.Count} labels"
            : $"cross-validated F1 {adapted.F1:0.000} does not beat the shipped model's {shipped.F1:0.000} on {scored.Count} labels");
    }
}
