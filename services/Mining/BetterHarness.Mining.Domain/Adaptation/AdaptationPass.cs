namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>The outcome of one training pass for an agent.</summary>
/// <param name="Model">The adapted model fitted on every label (null when there were too few labels to train).</param>
/// <param name="Adapted">Its grouped cross-validated figures on the agent's person labels.</param>
/// <param name="Shipped">The shipped model's figures on the same labels.</param>
/// <param name="Better">Whether the adapted model beats the shipped one there (higher F1): only then may it become active.</param>
public sealed record AdaptationOutcome(AdaptedModel? Model, MetricsWithIntervals? Adapted, MetricsWithIntervals Shipped, bool Better, string Reason);

/// <summary>
/// One training pass: below the minimum labels nothing is trained; otherwise every recipe (<see cref="Recipes"/>) is scored by
/// grouped cross-validation on the agent's own labels, the best by F1 is compared with the shipped model on the same labels,
/// and it may replace the shipped model only when a paired bootstrap over conversations puts its F1 gain above zero (95%):
/// a difference the labels' noise could explain keeps the shipped model. The chosen recipe is then fitted on every label.
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
        var person = examples.Select((e, i) => (e, i)).Where(p => p.e.Person).Select(p => p.i).ToList();
        var (recipe, decisions, adapted) = Recipes.All(trainer, folds)
            .Select(r =>
            {
                var all = GroupedCrossValidation.OutOfFoldDecisions(r.Fit, examples, folds);
                var mine = person.Select(i => all[i]).ToList();
                return (Recipe: r, Decisions: mine, Metrics: MetricsWithIntervals.From(scored, mine, 0.5));
            })
            .OrderByDescending(c => c.Metrics.F1).First();
        var gain = MetricsWithIntervals.F1Difference(scored, decisions, shippedScores, 0.5);
        var better = gain.Low > 0;
        var model = recipe.Fit(examples);
        var figures = $"{recipe.Name}: cross-validated F1 {adapted.F1:0.000} against the shipped model's {shipped.F1:0.000} on {scored.Count} labels " +
                      $"(gain 95% {gain.Low:+0.000;-0.000} to {gain.High:+0.000;-0.000}; threshold {model.Threshold:0.00})";
        return new AdaptationOutcome(model, adapted, shipped, better, better ? figures : figures + ": not clearly better, the shipped model stays");
    }
}
