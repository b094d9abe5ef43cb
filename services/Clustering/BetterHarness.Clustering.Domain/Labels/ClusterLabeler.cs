using BetterHarness.Clustering.Domain.Signatures;

namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>
/// Labels groups: a sentence from the members' signatures (<see cref="LabelSentence"/>) and, beside it, the terms that
/// set the group apart. A term scores by how common it is inside the group times how much more common it is there than
/// in the rest (a smoothed log-ratio of document frequencies, i.e. TF-IDF of the group against the others). Terms in
/// fewer than a quarter of a group's traces are not representative of it and are skipped. The sentence's request topic
/// is scored the same way over the user requests alone.
/// </summary>
public static class ClusterLabeler
{
    private const int MaxTerms = 4;
    private const int MaxRequestTerms = 2;
    private const double MinShareInGroup = 0.25;
    private const double Smoothing = 0.01;

    public static IReadOnlyList<ClusterLabel> Label(IReadOnlyList<LabelInput> inputs, int groups)
    {
        var parsed = inputs.Select(i => SignatureText.Parse(i.Text)).ToList();
        var terms = Distinguishing(inputs.Select(i => (i.Group, i.Text, i.Weight)).ToList(), groups, MaxTerms, MinShareInGroup, 0);
        // A topic word in the sentence must hold for most of the group and be rare elsewhere, not a quarter of it.
        var requestTerms = Distinguishing(inputs.Select((i, n) => (i.Group, parsed[n].Signature.Request, i.Weight)).ToList(),
            groups, MaxRequestTerms, 0.5, 3);
        var labels = Enumerable.Range(0, groups).Select(g =>
        {
            var dominant = inputs.Where(i => i.Group == g).GroupBy(i => i.DominantKind)
                .OrderByDescending(k => k.Sum(i => i.Weight)).ThenBy(k => k.Key, StringComparer.Ordinal).FirstOrDefault()?.Key ?? "unknown";
            var members = inputs.Select((input, n) => (input, n)).Where(x => x.input.Group == g).OrderByDescending(x => x.input.Closeness)
                .Select(x => new LabelSentence.Member(parsed[x.n], x.input.Weight)).ToList();
            return new ClusterLabel(dominant, terms[g], LabelSentence.Of(members, dominant, requestTerms[g]));
        }).ToList();
        return Distinct(labels);
    }

    /// <summary>Two clusters with the same sentence are told apart by the first of their terms the sentence does not hold.</summary>
    private static IReadOnlyList<ClusterLabel> Distinct(List<ClusterLabel> labels)
    {
        var shared = labels.GroupBy(l => l.Sentence, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return [.. labels.Select(l => !shared.Contains(l.Sentence)
            || l.Terms.FirstOrDefault(t => !l.Sentence.Contains(t, StringComparison.OrdinalIgnoreCase)) is not { } term
            ? l : l with { Sentence = $"{l.Sentence} ({term})" })];
    }

    /// <param name="minLift">How many times more common inside the group than in the rest a term must be (0: any).</param>
    private static IReadOnlyList<string>[] Distinguishing(IReadOnlyList<(int Group, string Text, int Weight)> inputs, int groups, int max,
        double minShare, double minLift)
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
            return (IReadOnlyList<string>)inGroup[g]
                .Select(kv => (term: kv.Key, pIn: kv.Value / Math.Max(1, size[g]), pOut: (total[kv.Key] - kv.Value) / rest))
                .Where(t => t.pIn >= minShare && t.pIn >= minLift * t.pOut)
                .Select(t => (t.term, score: t.pIn * Math.Log((t.pIn + Smoothing) / (t.pOut + Smoothing))))
                .Where(t => t.score > 0)
                .OrderByDescending(t => t.score).ThenBy(t => t.term, StringComparer.Ordinal)
                .Take(max).Select(t => t.term).ToList();
        })];
    }
}
