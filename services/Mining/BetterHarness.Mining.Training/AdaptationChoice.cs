using System.Globalization;
using System.Text.Json;
using BetterHarness.Mining.Domain.Adaptation;
using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Training;

/// <summary>One adaptation setting the choice compares.</summary>
public sealed record AdaptationVariant(string Name, double PenaltyScale, SwitchRule Rule, ThresholdObjective Objective, int MinPositives, int MinLabels = 30);

/// <summary>
/// Chooses the per-agent adaptation settings (switch rule, threshold objective, penalty strength, minimum positives) on a
/// <b>choice split</b> of the airline tasks, never on the tasks the learning curve holds out (<c>--exclude-tasks</c>, printed by
/// <c>detector_curve.py --print-split</c>). The remaining tasks are split again (a third scored, two thirds a label pool, several
/// seeds); labels are fed K at a time in a random order and in the order the review queue's "uncertain" sort gives (turns nearest
/// the active threshold first), a pass (<see cref="AdaptationPass"/>, the service's own code) runs after each step, and the
/// active detector is scored on the choice split's scored tasks. Scores come from the prior model in <c>PRIOR_DIR</c> — for an
/// honest figure one trained without airline data (<c>--without-agent</c>).
/// </summary>
public static class AdaptationChoice
{
    private static readonly int[] Ks = [25, 50, 100, 200];

    public static void Run(CorrectionDetector prior, string labelsFile, IReadOnlySet<string> excludedTasks, int splits, int randomOrders,
        IReadOnlyList<AdaptationVariant> variants, bool uncertain)
    {
        var pairs = File.ReadLines(labelsFile).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement).Select(e => (
            Trace: e.GetProperty("trace").GetString()!, Task: e.GetProperty("task").ToString(), Assistant: e.GetProperty("assistant").GetString()!,
            User: e.GetProperty("user").GetString()!, Label: e.GetProperty("label").GetInt32() == 1)).ToList();
        var pool = pairs.Where(p => !excludedTasks.Contains(p.Task)).ToList();
        Console.WriteLine($"{pairs.Count} airline pairs; {excludedTasks.Count} tasks excluded (the curve's held-out); choice pool {pool.Count} pairs, " +
                          $"{pool.Count(p => p.Label)} corrections, {pool.Select(p => p.Task).Distinct().Count()} tasks");
        var rows = prior.Prior([.. pool.Select(p => new CorrectionPair(p.Assistant, p.User))]);
        var examples = pool.Select((p, i) => new TrainingExample(rows[i], p.Label, 1, p.Trace)).ToList();
        var results = new List<(string Variant, string Order, int K, int Positives, bool Adapted, DetectorMetrics M)>();
        var shippedResults = new List<(int Split, DetectorMetrics M)>();
        for (var split = 1; split <= splits; split++)
        {
            var tasks = pool.Select(p => p.Task).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
            Shuffle(tasks, new Random(100 + split));
            var scoredTasks = tasks.Take(tasks.Count / 3).ToHashSet();
            var test = examples.Where((_, i) => scoredTasks.Contains(pool[i].Task)).ToList();
            var train = examples.Where((_, i) => !scoredTasks.Contains(pool[i].Task)).ToList();
            var shipped = Measure(test, AdaptedModel.Prior(rows[0].Width));
            shippedResults.Add((split, shipped));
            Console.WriteLine($"split {split}: scored {test.Count} pairs ({test.Count(e => e.Label)} corrections), pool {train.Count} ({train.Count(e => e.Label)}); " +
                              $"prior P {shipped.Precision:0.000} R {shipped.Recall:0.000} F1 {shipped.F1:0.000}");
            foreach (var variant in variants)
            {
                var memo = new Dictionary<string, AdaptedModel>(StringComparer.Ordinal);
                var trainer = new AdaptationTrainer(new AdaptationPenalties(0.1 * variant.PenaltyScale, 1 * variant.PenaltyScale, 3 * variant.PenaltyScale));
                var index = new Dictionary<TrainingExample, int>(ReferenceEqualityComparer.Instance);
                for (var i = 0; i < examples.Count; i++) index[examples[i]] = i;
                AdaptedModel Fit(IReadOnlyList<TrainingExample> set)
                {
                    var key = string.Join(',', set.Select(e => index[e]).Order());
                    if (!memo.TryGetValue(key, out var model)) memo[key] = model = trainer.Fit(set);
                    return model;
                }
                var pass = new AdaptationPass(Fit, variant.MinLabels, variant.MinPositives, rule: variant.Rule, objective: variant.Objective);
                var orders = Enumerable.Range(1, randomOrders).Select(o => $"random-{o}").ToList();
                if (uncertain) orders.Add("uncertain");
                foreach (var order in orders)
                {
                    var remaining = train.ToList();
                    if (order.StartsWith("random", StringComparison.Ordinal)) Shuffle(remaining, new Random(int.Parse(order[7..], CultureInfo.InvariantCulture)));
                    var fed = new List<TrainingExample>();
                    var active = AdaptedModel.Prior(rows[0].Width);
                    foreach (var k in Ks)
                    {
                        var take = Math.Min(k, train.Count) - fed.Count;
                        if (take > 0)
                        {
                            if (order == "uncertain")
                            {
                                var cut = Math.Log(active.Threshold / (1 - active.Threshold));
                                remaining = [.. remaining.OrderBy(e => Math.Abs(active.LogOdds(e.Row) - cut)).ThenBy(e => index[e])];
                            }
                            fed.AddRange(remaining.Take(take));
                            remaining.RemoveRange(0, take);
                        }
                        var outcome = pass.Run(fed);
                        active = outcome is { Better: true, Model: { } m } ? m : AdaptedModel.Prior(rows[0].Width);
                        results.Add((variant.Name, order == "uncertain" ? "uncertain" : "random", k, fed.Count(e => e.Label), outcome.Better, Measure(test, active)));
                    }
                }
                Console.Error.WriteLine($"  split {split} {variant.Name} done");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"prior alone on the scored tasks: P {shippedResults.Average(r => r.M.Precision):0.000} R {shippedResults.Average(r => r.M.Recall):0.000} F1 {shippedResults.Average(r => r.M.F1):0.000}");
        Console.WriteLine("variant                       order      K   +    switched  P               R               F1        (mean ± sd over splits × orders)");
        foreach (var g in results.GroupBy(r => (r.Variant, r.Order, r.K)))
        {
            string Ms(Func<DetectorMetrics, double> f) { var v = g.Select(r => f(r.M)).ToList(); var mean = v.Average(); return $"{mean:0.000} ± {Math.Sqrt(v.Average(x => (x - mean) * (x - mean))):0.000}"; }
            Console.WriteLine($"{g.Key.Variant,-29} {g.Key.Order,-9} {g.Key.K,3} {g.Average(r => r.Positives),4:0.0}  {g.Count(r => r.Adapted),2}/{g.Count(),-2}     " +
                              $"{Ms(m => m.Precision)}   {Ms(m => m.Recall)}   {Ms(m => m.F1)}");
        }
    }

    private static DetectorMetrics Measure(IReadOnlyList<TrainingExample> test, AdaptedModel model) =>
        GroupedCrossValidation.Measure(test, [.. test.Select(e => model.Score(e.Row))], model.Threshold);

    private static void Shuffle<T>(IList<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>The settings compared: the shipped defaults of the last session first.</summary>
    public static IReadOnlyList<AdaptationVariant> Variants(string names)
    {
        AdaptationVariant[] all =
        [
            new("interval-f1", 1, SwitchRule.Interval, ThresholdObjective.F1, 5),
            new("estimate-f1", 1, SwitchRule.Estimate, ThresholdObjective.F1, 5),
            new("estimate-balanced", 1, SwitchRule.Estimate, ThresholdObjective.Balanced, 5),
            new("estimate-f1-pen0.3", 0.3, SwitchRule.Estimate, ThresholdObjective.F1, 5),
            new("estimate-f1-pen3", 3, SwitchRule.Estimate, ThresholdObjective.F1, 5),
            new("estimate-f1-pen10", 10, SwitchRule.Estimate, ThresholdObjective.F1, 5),
            new("estimate-f1-min3", 1, SwitchRule.Estimate, ThresholdObjective.F1, 3, 20),
            new("estimate-balanced-pen3", 3, SwitchRule.Estimate, ThresholdObjective.Balanced, 5),
            new("interval-f1-min3", 1, SwitchRule.Interval, ThresholdObjective.F1, 3, 20),
            new("tiered-f1-min3", 1, SwitchRule.Tiered, ThresholdObjective.F1, 3, 20),
            new("tiered-f1", 1, SwitchRule.Tiered, ThresholdObjective.F1, 5),
        ];
        return names == "all" ? all : [.. names.Split(',').Select(n => all.SingleOrDefault(v => v.Name == n) ?? throw new ArgumentException($"unknown variant {n}; known: {string.Join(", ", all.Select(v => v.Name))}"))];
    }
}
