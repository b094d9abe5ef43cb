namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>The outcome of one training pass for an agent.</summary>
/// <param name="Model">The adapted model fitted on every label (null when there were too few labels to train).</param>
/// <param name="Adapted">Its grouped cross-validated figures on the agent's person labels.</param>
/// <param name="Shipped">The shipped model's figures on the same labels.</param>
/// <param name="Better">Whether the adapted model beats the shipped one there (by <see cref="SwitchRule"/>): only then may it become active.</param>
public sealed record AdaptationOutcome(AdaptedModel? Model, MetricsWithIntervals? Adapted, MetricsWithIntervals Shipped, bool Better, string Reason);

/// <summary>When a pass's best recipe replaces the shipped model.</summary>
public enum SwitchRule
{
    /// <summary>Its cross-validated F1 on the agent's labels is higher than the shipped model's on the same labels.</summary>
    Estimate,

    /// <summary>A paired bootstrap over conversations puts its F1 gain above zero (95%). With a handful of corrections this
    /// almost never holds, so the shipped model stays even where it is plainly wrong for the domain.</summary>
    Interval,

    /// <summary>The evidence a recipe needs grows with what it changes: <c>shipped-threshold</c> (the shipped model, one
    /// threshold moved) switches on the estimate; a refitted model needs the interval. The best recipe by F1 that passes its
    /// own rule is chosen.</summary>
    Tiered,
}

/// <summary>
/// One training pass: below the minimum labels nothing is trained; otherwise every recipe (<see cref="Recipes"/>) is scored by
/// grouped cross-validation on the agent's own labels, the best by F1 is compared with the shipped model on the same labels,
/// and it may replace the shipped model by <paramref name="rule"/> (<see cref="SwitchRule"/>). The chosen recipe is then fitted on every label.
/// </summary>
public sealed class AdaptationPass(Func<IReadOnlyList<TrainingExample>, AdaptedModel> fit, int minLabels, int minPositives,
    int folds = GroupedCrossValidation.DefaultFolds, SwitchRule rule = SwitchRule.Estimate, ThresholdObjective objective = ThresholdObjective.F1)
{
    public AdaptationPass(AdaptationTrainer trainer, int minLabels, int minPositives, int folds = GroupedCrossValidation.DefaultFolds,
        SwitchRule rule = SwitchRule.Estimate, ThresholdObjective objective = ThresholdObjective.F1)
        : this(trainer.Fit, minLabels, minPositives, folds, rule, objective) { }

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
        var candidates = Recipes.All(fit, folds, objective)
            .Select(r =>
            {
                var all = GroupedCrossValidation.OutOfFoldDecisions(r.Fit, examples, folds);
                var mine = person.Select(i => all[i]).ToList();
                var metrics = MetricsWithIntervals.From(scored, mine, 0.5);
                var gain = MetricsWithIntervals.F1Difference(scored, mine, shippedScores, 0.5);
                return (Recipe: r, Metrics: metrics, Gain: gain, Passes: Passes(r, metrics, shipped, gain));
            })
            .OrderByDescending(c => c.Metrics.F1).ToList();
        // Tiered: the best recipe that passes its own rule; the other rules judge the best recipe by F1.
        var chosen = rule == SwitchRule.Tiered && candidates.Any(c => c.Passes) ? candidates.First(c => c.Passes) : candidates[0];
        var (recipe, adapted, gain, better) = chosen;
        var model = recipe.Fit(examples);
        var figures = $"{recipe.Name}: cross-validated F1 {adapted.F1:0.000} (P {adapted.Precision:0.00} R {adapted.Recall:0.00}) against the shipped " +
                      $"model's {shipped.F1:0.000} (P {shipped.Precision:0.00} R {shipped.Recall:0.00}) on {scored.Count} labels " +
                      $"(gain 95% {gain.Low:+0.000;-0.000} to {gain.High:+0.000;-0.000}; threshold {model.Threshold:0.00})";
        var stays = rule == SwitchRule.Estimate ? ": not better, the shipped model stays" : ": not clearly better, the shipped model stays";
        return new AdaptationOutcome(model, adapted, shipped, better, better ? figures : figures + stays);
    }

    private bool Passes(Recipe recipe, MetricsWithIntervals adapted, MetricsWithIntervals shipped, Interval gain) => rule switch
    {
        SwitchRule.Interval => gain.Low > 0,
        SwitchRule.Tiered when recipe.Name != Recipes.ShippedThreshold => gain.Low > 0,
        _ => adapted.F1 > shipped.F1 + 1e-9,
    };
}
