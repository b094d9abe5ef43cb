namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>
/// Labels groups by their distinguishing terms: a term scores by how common it is inside the group times
/// how much more common it is there than in the rest (a smoothed log-ratio of document frequencies, i.e.
/// TF-IDF of the group against the others). Terms in fewer than a quarter of a group's traces are not
/// representative of it and are skipped.
/// </summary>
public static class ClusterLabeler
{
    private const int MaxTerms = 4;
    private const double MinShareInGroup = 0.25;
    private const double Smoothing = 0.01;

    public static IReadOnlyList<ClusterLabel> Label(IReadOnlyList<LabelInput> inputs, int groups)
    {
        var total = new Dictionary<string, double>(StringComparer.Ordinal);
        var inGroup = Enumerable.Range(0, groups).Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToArray();
        var size = new double[groups];
        foreach (var input in inputs)
        {
            size[input.Group] += input.Weight;
            foreach (var term in Terms.Of(input.Text))
            {
                total[term] = total.GetValueOrDefault(term) + input.Weight;
                inGroup[input.Group][term] = inGroup[input.Group].GetValueOrDefault(term) + input.Weight;
            }
        }
        var all = size.Sum();
        return [.. Enumerable.Range(0, groups).Select(g =>
        {
            var rest = Math.Max(1, all - size[g]);
            var terms = inGroup[g]
                .Select(kv => (term: kv.Key, pIn: kv.Value / Math.Max(1, size[g]), pOut: (total[kv.Key] - kv.Value) / rest))
                .Where(t => t.pIn >= MinShareInGroup)
                .Select(t => (t.term, score: t.pIn * Math.Log((t.pIn + Smoothing) / (t.pOut + Smoothing))))
                .Where(t => t.score > 0)
                .OrderByDescending(t => t.score).ThenBy(t => t.term, StringComparer.Ordinal)
                .Take(MaxTerms).Select(t => t.term).ToList();
            var dominant = inputs.Where(i => i.Group == g).GroupBy(i => i.DominantKind)
                .OrderByDescending(k => k.Sum(i => i.Weight)).ThenBy(k => k.Key, StringComparer.Ordinal).FirstOrDefault()?.Key ?? "unknown";
            return new ClusterLabel(dominant, terms);
        })];
    }
}
