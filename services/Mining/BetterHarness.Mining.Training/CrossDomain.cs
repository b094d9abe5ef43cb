using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Training;

/// <summary>
/// Leave-one-domain-out: for each held-out domain, fit the recipe (calibration and threshold included) on the rest
/// and measure on the held-out one — how the detector does on conversations from a domain it never saw.
/// <list type="bullet">
/// <item>taubench-airline: all agent turns held out, trained on EURTAD only (no agent conversations at all);</item>
/// <item>airline-acts / airline-refuses: tau-bench split by the kind of task (the agent should book, cancel, change or
/// compensate vs. it should refuse or transfer), so no held-out task, and no task of the same kind, is in training;
/// trained on EURTAD + the other half — the closest stand-in here for "another agent domain with the same simulated user";</item>
/// <item>EURTAD SelfFeeding and the other EURTAD datasets together (too few corrections each to measure alone);
/// a dataset's random-dialogue negatives go with it.</item>
/// </list>
/// </summary>
public static class CrossDomain
{
    public static string DomainOf(LabelledTurn turn)
    {
        if (TrainingSet.IsAgentStyle(turn)) return turn.TaskIntent == "acts" ? "airline-acts" : "airline-refuses";
        var dataset = turn.Source.Replace("eurtad-random-", "eurtad-", StringComparison.Ordinal);
        return dataset == "eurtad-SelfFeeding" ? dataset : "eurtad-other";
    }

    private static readonly (string Name, Func<LabelledTurn, bool> HeldOut)[] Splits =
    [
        ("taubench-airline", TrainingSet.IsAgentStyle),
        ("airline-acts", t => DomainOf(t) == "airline-acts"),
        ("airline-refuses", t => DomainOf(t) == "airline-refuses"),
        ("eurtad-SelfFeeding", t => DomainOf(t) == "eurtad-SelfFeeding"),
        ("eurtad-other", t => DomainOf(t) == "eurtad-other"),
    ];

    /// <summary>Average precision of the scores (threshold-free: how well the held-out turns are ranked).</summary>
    public static double AveragePrecision(IReadOnlyList<(bool Label, double Score)> scored)
    {
        var positives = scored.Count(s => s.Label);
        if (positives == 0) return 0;
        double hits = 0, sum = 0;
        var rank = 0;
        foreach (var (label, _) in scored.OrderByDescending(s => s.Score))
        {
            rank++;
            if (!label) continue;
            hits++;
            sum += hits / rank;
        }
        return sum / positives;
    }

    public static Dictionary<string, DetectorMetrics> Run(Recipe recipe, IReadOnlyList<CorrectionRow> rows, IReadOnlyList<LabelledTurn> turns, bool printErrors = false)
    {
        var results = new Dictionary<string, DetectorMetrics>();
        var pooled = new List<(bool, bool)>();
        foreach (var (name, heldOut) in Splits)
        {
            var train = Enumerable.Range(0, turns.Count).Where(i => !heldOut(turns[i])).ToList();
            var test = Enumerable.Range(0, turns.Count).Where(i => heldOut(turns[i])).ToList();
            var fitted = recipe.Fit(train.Select(i => rows[i]).ToList(), train.Select(i => turns[i]).ToList());
            var scores = recipe.Predict(fitted, test.Select(i => rows[i]).ToList());
            var outcomes = test.Select((i, k) => (turns[i].Label, scores[k] >= fitted.Threshold)).ToList();
            results[name] = DetectorMetrics.From(outcomes);
            Console.WriteLine($"  {name}: average precision {AveragePrecision(test.Select((i, k) => (turns[i].Label, scores[k])).ToList()):0.000}");
            if (name.StartsWith("airline-", StringComparison.Ordinal)) pooled.AddRange(outcomes);
            if (printErrors && name.StartsWith("airline-", StringComparison.Ordinal))
                for (var k = 0; k < test.Count; k++)
                    if (outcomes[k].Label != outcomes[k].Item2)
                        Console.WriteLine($"{(outcomes[k].Label ? "FN" : "FP")} {scores[k]:0.00} [{Tail(turns[test[k]].Assistant)}] >> {turns[test[k]].User}");
        }
        // Both halves of the task split, each predicted by the model that never saw its kind of task.
        results["airline-by-task (pooled)"] = DetectorMetrics.From(pooled);
        return results;
    }

    private static string Tail(string text) => (text.Length <= 160 ? text : "…" + text[^160..]).ReplaceLineEndings(" ");

    public static void Print(IReadOnlyDictionary<string, DetectorMetrics> results)
    {
        Console.WriteLine("leave-one-domain-out (train on the rest, test on the held-out domain)");
        Console.WriteLine($"{"held-out domain",-26} {"pos",5} {"neg",6} {"P",6} {"R",6} {"F1",6}");
        foreach (var (name, m) in results)
            Console.WriteLine($"{name,-26} {m.Positives,5} {m.Negatives,6} {m.Precision,6:0.000} {m.Recall,6:0.000} {m.F1,6:0.000}");
    }
}
