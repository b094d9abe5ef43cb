namespace BetterHarness.Curation.Domain.Splits;

/// <summary>One holdout case and the optimisation case nearest to it (cosine of their conversation texts).</summary>
public sealed record NearestOptimizationCase(string CaseId, string Agent, string Category, string? NearestCaseId, double Cosine);

/// <summary>
/// The leak figure: how close the holdout is to what the optimiser learns from. For each active holdout case, the cosine
/// of its nearest active optimisation case of the same agent (any category). A holdout of unseen examples has no
/// near-copies: cosines near 1 are the same situation on both sides.
/// </summary>
public static class HoldoutLeak
{
    public static IReadOnlyList<NearestOptimizationCase> Measure(IReadOnlyList<(string CaseId, string Agent, string Category, string Split, float[] Vector)> cases)
    {
        var optimization = cases.Where(c => c.Split == Cases.SplitNames.Optimization).ToLookup(c => c.Agent, StringComparer.Ordinal);
        return cases.Where(c => c.Split == Cases.SplitNames.Holdout).Select(h =>
        {
            var nearest = optimization[h.Agent].Select(o => (o.CaseId, Cosine: SituationGrouping.Cosine(h.Vector, o.Vector)))
                .OrderByDescending(x => x.Cosine).ThenBy(x => x.CaseId, StringComparer.Ordinal).FirstOrDefault();
            return new NearestOptimizationCase(h.CaseId, h.Agent, h.Category, nearest.CaseId, nearest.CaseId is null ? 0 : nearest.Cosine);
        }).OrderByDescending(n => n.Cosine).ThenBy(n => n.CaseId, StringComparer.Ordinal).ToList();
    }
}
