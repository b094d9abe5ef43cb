using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Grouping;
using BetterHarness.Clustering.Domain.Identity;
using BetterHarness.Clustering.Domain.Quality;
using BetterHarness.Clustering.Domain.Reclustering;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Tools.Load;
using BetterHarness.Text;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh quality clusters FILE --labels L --offline</c>: scores the clustering core directly on a file, without a
/// server: digests as ingest builds them, signatures, MiniLM embeddings, then every grouping method (the
/// configured default, KMeans by silhouette and average linkage at several cuts) next to baselines.
/// </summary>
public static class QualityOffline
{
    private static readonly double[] Cuts = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7];

    public static int Run(QualitySettings s, AnalystPoints analyst)
    {
        // Redirected output would wrap the table at 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 150);
        var digests = QualityOfflineDigests.Read(s.File, s.Labels.Label.Keys.ToHashSet(StringComparer.Ordinal));
        if (digests.Count == 0) throw new CommandFailedException("No trace of the file has a label: do the labels belong to this file?");
        var signatures = digests.Select(d => (d.TraceId, Signature: SignatureBuilder.Build(d))).ToList();
        var points = EmbedDistinct(signatures, $"{digests.Count} labelled traces");
        var ids = digests.Select(d => d.TraceId).ToList();

        var (rows, outcome) = GroupingRows(points, ids, s.Labels);
        if (s.Analyst is { } model)
            rows.Insert(1, Row($"default + LLM analyst ({model}): root cause line before the signature", ids,
                Cluster(analyst(model, digests, signatures), new GroupingSettings(), FeatureMode.Behaviour), s.Labels));
        rows.Add(Baseline("baseline: dominant signal kind", ids, signatures.ToDictionary(x => x.TraceId, x => x.Signature.DominantKind), s.Labels));
        rows.Add(Baseline("baseline: agent move + tools acted on", ids, signatures.ToDictionary(x => x.TraceId,
            x => x.Signature.Move + ":" + string.Join(",", x.Signature.ActedOn ?? [])), s.Labels));
        rows.Add(Baseline("baseline: agent move", ids, signatures.ToDictionary(x => x.TraceId, x => x.Signature.Move), s.Labels));
        rows.Add(Baseline("baseline: user request (masked)", ids, signatures.ToDictionary(x => x.TraceId, x => x.Signature.Request), s.Labels));
        rows.Add(Baseline("baseline: one group", ids, ids.ToDictionary(i => i, _ => "all"), s.Labels));
        QualityReport.PrintScores(rows, ids.Count, s.Labels.Label.Values.Distinct().Count());
        var labelOf = outcome.Clusters.ToDictionary(c => c.Id, c => $"{c.Label.Text}  [{c.Label.Keywords}]");
        QualityReport.PrintClusters(ids, outcome.Assignments.ToDictionary(a => a.TraceId, a => a.ClusterId), s.Labels, labelOf, s.Show);
        return 0;
    }

    /// <summary>One point per distinct signature (its text embedded with MiniLM), carrying the traces that share it.</summary>
    public static IReadOnlyList<SignaturePoint> EmbedDistinct(IReadOnlyList<(string TraceId, FailureSignature Signature)> signatures, string what) =>
        EmbedDistinct([.. signatures.Select(x => (x.TraceId, x.Signature.Hash, x.Signature.Text, x.Signature.DominantKind))], what);

    /// <summary>One point per distinct clustering text (hash), embedded with MiniLM, carrying the traces that share it.</summary>
    public static IReadOnlyList<SignaturePoint> EmbedDistinct(IReadOnlyList<(string TraceId, string Hash, string Text, string Kind)> texts, string what)
    {
        var distinct = texts.GroupBy(x => x.Hash).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        AnsiConsole.MarkupLine($"{what}, {distinct.Count:N0} distinct signatures; embedding…");
        using var embedder = new MiniLmEmbedder();
        var vectors = embedder.Embed([.. distinct.Select(d => d.First().Text)]);
        return distinct.Select((d, i) => new SignaturePoint(d.Key, d.First().Text, d.First().Kind, vectors[i], [.. d.Select(x => x.TraceId)])).ToList();
    }

    /// <summary>The configured default, then every grouping method and cut for behaviour and embedding features.</summary>
    public static (List<QualityRow> Rows, ReclusterOutcome Default) GroupingRows(IReadOnlyList<SignaturePoint> points, IReadOnlyList<string> ids, QualityLabels labels)
    {
        var rows = new List<QualityRow>();
        var defaults = new GroupingSettings();
        var outcome = Cluster(points, defaults, FeatureMode.Behaviour);
        rows.Add(Row($"default: behaviour, linkage ≤ {defaults.MaxDistance} k-means steps, min size {defaults.MinClusterSize}, near strays join", ids, outcome, labels));
        foreach (var mode in new[] { FeatureMode.Behaviour, FeatureMode.Embedding })
        {
            rows.Add(Row($"{mode.Name()}, kmeans, k by silhouette", ids, Cluster(points, defaults with { Method = GroupingMethod.Silhouette }, mode), labels));
            foreach (var cut in Cuts)
                rows.Add(Row($"{mode.Name()}, linkage ≤ {cut}", ids, Cluster(points, defaults with { MaxDistance = cut }, mode), labels));
            foreach (var cut in Cuts)
                rows.Add(Row($"{mode.Name()}, linkage ≤ {cut}, centred", ids, Cluster(points, defaults with { MaxDistance = cut, Center = true }, mode), labels));
            rows.Add(Row($"{mode.Name()}, linkage, small groups all to outliers", ids, Cluster(points, defaults with { Absorb = false }, mode), labels));
            rows.Add(Row($"{mode.Name()}, linkage, no k-means steps", ids, Cluster(points, defaults with { Refine = false }, mode), labels));
            rows.Add(Row($"{mode.Name()}, linkage, no outlier pool", ids, Cluster(points, defaults with { MinClusterSize = 1 }, mode), labels));
        }
        return (rows, outcome);
    }

    private static ReclusterOutcome Cluster(IReadOnlyList<SignaturePoint> points, GroupingSettings grouping, FeatureMode mode)
    {
        var n = 0;
        return Reclusterer.Run(new ReclusterInput(points, new Dictionary<string, string>(), new Dictionary<string, float[]>(),
            mode, grouping, new MatchSettings()), () => $"c{++n}");
    }

    private static QualityRow Row(string name, IReadOnlyList<string> ids, ReclusterOutcome outcome, QualityLabels labels)
    {
        var cluster = outcome.Assignments.ToDictionary(a => a.TraceId, a => a.ClusterId, StringComparer.Ordinal);
        return new(name, ClusteringScores.Score([.. ids.Select(id => (cluster[id], labels.Label[id]))]), outcome.Grouping.K, outcome.Grouping.Silhouette);
    }

    private static QualityRow Baseline(string name, IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> groups, QualityLabels labels) =>
        new(name, ClusteringScores.Score([.. ids.Select(id => (groups[id], labels.Label[id]))]), null, null);
}
