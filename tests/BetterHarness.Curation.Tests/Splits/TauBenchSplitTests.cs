using System.Globalization;
using BetterHarness.Curation.Domain.Cases;
using Xunit.Abstractions;

namespace BetterHarness.Curation.Tests.Splits;

/// <summary>
/// Tasks of the bundled tau-bench sample with cases on both sides of the split (issue 17: target 0, at most 5%), measured
/// honestly: the linking rules (similarity threshold, identifier links) are chosen on one half of the tasks only and
/// the figure is reported on the other half, which the choice never saw, and on all tasks.
/// </summary>
public sealed class TauBenchSplitTests(ITestOutputHelper output)
{
    private static readonly double[] Thresholds = [0.70, 0.75, 0.80, 0.85, 0.90];

    /// <summary>The configured default of <c>BetterHarness:Curation:SituationSimilarity</c>; identifier links are always on.</summary>
    private static readonly double DefaultThreshold = new CurationOptions().SituationSimilarity;

    /// <param name="Apart">Pairs of cases of one task in different groups: a task in two groups can land on both sides, depending on the
    /// order its cases come in, so this measures the rules, not one order's luck.</param>
    /// <param name="Together">Pairs of cases of different tasks in one group: the price of a merge (the holdout loses a group).</param>
    private sealed record Trial(double Threshold, bool Entities, int Tasks, int Both, int Groups, double HoldoutShare, int Apart, int Together);

    [Fact]
    public void Rules_chosen_on_half_the_tasks_keep_the_other_half_on_one_side()
    {
        var cases = TauBenchCases.Instance.Cases;
        // Halves by task number: the tasks that have cases, in order, alternately to the choice and to the report (9 and 9;
        // odd/even task numbers would give 6 and 12 here, too few on the choosing side to tell the rules apart).
        var choiceTasks = cases.Select(c => c.Task).Distinct().Order().Where((_, i) => i % 2 == 0).ToHashSet();
        var choice = cases.Where(c => choiceTasks.Contains(c.Task)).ToList();
        var report = cases.Where(c => !choiceTasks.Contains(c.Task)).ToList();

        var trials = (from t in Thresholds from e in new[] { false, true } select Measure(choice, t, e)).ToList();
        foreach (var t in trials) output.WriteLine($"choice half: {Describe(t)}");
        // Fewest tasks on both sides; then the fewest pairwise grouping errors (Rand-style: cases of one task kept apart — a task in
        // two groups is a leak waiting for an unlucky order — plus cases of different tasks put together, which cost the holdout
        // a group); then the stricter threshold.
        var chosen = trials.OrderBy(t => t.Both).ThenBy(t => t.Apart + t.Together).ThenByDescending(t => t.Threshold).First();
        output.WriteLine($"chosen: {Describe(chosen)}");

        var held = Measure(report, chosen.Threshold, chosen.Entities);
        var all = Measure(cases, chosen.Threshold, chosen.Entities);
        var allSplits = SituationReplay.Run(cases, chosen.Threshold, chosen.Entities);
        var heldInAll = TauBenchCases.TasksOnBothSides(report, id => allSplits[id].Split);
        var before = Measure(report, 0.8, entities: false);
        output.WriteLine($"held-out half alone: {Describe(held)}");
        output.WriteLine($"all tasks together: {Describe(all)}; of them the held-out half's tasks: {heldInAll.Both.Count}/{heldInAll.Tasks}");
        output.WriteLine($"held-out half, previous rule (0.8, no identifier links): {Describe(before)}");

        Assert.Equal((DefaultThreshold, true), (chosen.Threshold, chosen.Entities));
        // Measured (docs/curation.md): all 18 tasks together 0 on both sides; the held-out half's 9 tasks placed alone, 1 (11%:
        // one task whose trials share neither an identifier nor a near-duplicate text). The bounds are the measured figures.
        Assert.True(all.Both <= all.Tasks * 0.05, Describe(all));
        Assert.Empty(heldInAll.Both);
        Assert.True(held.Both <= 1, Describe(held));
        Assert.InRange(all.HoldoutShare, 0.15, 0.45);
    }

    private static Trial Measure(IReadOnlyList<ReplayCase> cases, double threshold, bool entities)
    {
        var splits = SituationReplay.Run(cases, threshold, entities);
        var (tasks, both) = TauBenchCases.TasksOnBothSides(cases, id => splits[id].Split);
        var pairs = (from a in cases from b in cases where string.CompareOrdinal(a.Id, b.Id) < 0
                     select (SameTask: a.Task == b.Task, SameGroup: splits[a.Id].Group == splits[b.Id].Group)).ToList();
        return new Trial(threshold, entities, tasks, both.Count, splits.Values.Select(s => s.Group).Distinct().Count(),
            splits.Values.Count(s => s.Split == SplitNames.Holdout) / (double)splits.Count,
            pairs.Count(p => p.SameTask && !p.SameGroup), pairs.Count(p => !p.SameTask && p.SameGroup));
    }

    private static string Describe(Trial t) => string.Create(CultureInfo.InvariantCulture,
        $"threshold {t.Threshold:0.00}, identifier links {(t.Entities ? "on" : "off")}: {t.Both}/{t.Tasks} tasks on both sides, {t.Groups} groups, holdout share {t.HoldoutShare:P0}, same-task pairs apart {t.Apart}, other-task pairs together {t.Together}");
}
