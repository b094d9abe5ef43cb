using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Training;

/// <summary>
/// Leave-one-domain-out: for each domain, fit the recipe (calibration and threshold included) on every other domain
/// and measure on the held-out one — how the detector does on conversations from a domain it never saw.
/// Domains: tau-bench airline (agent), EURTAD SelfFeeding, and the other EURTAD datasets together (too few
/// corrections each to measure alone); a dataset's random-dialogue negatives go with it.
/// </summary>
public static class CrossDomain
{
    public static string DomainOf(LabelledTurn turn)
    {
        if (TrainingSet.IsAgentStyle(turn)) return "taubench-airline";
        var dataset = turn.Source.Replace("eurtad-random-", "eurtad-", StringComparison.Ordinal);
        return dataset == "eurtad-SelfFeeding" ? dataset : "eurtad-other";
    }

    public static void Print(Recipe recipe, IReadOnlyList<CorrectionRow> rows, IReadOnlyList<LabelledTurn> turns)
    {
        Console.WriteLine("leave-one-domain-out (train on the other domains, test on the held-out one)");
        Console.WriteLine($"{"held-out domain",-20} {"pos",5} {"neg",6} {"P",6} {"R",6} {"F1",6}");
        foreach (var domain in turns.Select(DomainOf).Distinct().Order())
        {
            var train = Enumerable.Range(0, turns.Count).Where(i => DomainOf(turns[i]) != domain).ToList();
            var test = Enumerable.Range(0, turns.Count).Where(i => DomainOf(turns[i]) == domain).ToList();
            var fitted = recipe.Fit(train.Select(i => rows[i]).ToList(), train.Select(i => turns[i]).ToList());
            var scores = recipe.Predict(fitted, test.Select(i => rows[i]).ToList());
            var m = DetectorMetrics.From(test.Select((i, k) => (turns[i].Label, scores[k] >= fitted.Threshold)).ToList());
            Console.WriteLine($"{domain,-20} {m.Positives,5} {m.Negatives,6} {m.Precision,6:0.000} {m.Recall,6:0.000} {m.F1,6:0.000}");
        }
    }
}
