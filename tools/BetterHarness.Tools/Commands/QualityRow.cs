using System.Text.Json.Nodes;
using BetterHarness.Clustering.Domain.Quality;

namespace BetterHarness.Tools.Commands;

/// <summary>One line of the quality table: a grouping and its scores against the labels.</summary>
public sealed record QualityRow(string Name, ClusteringScores Scores, int? K, double? Silhouette)
{
    /// <summary>Traces the grouping left out (unassigned) count as singletons: they were not grouped with anything.</summary>
    public static QualityRow Of(string name, IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> groups, QualityLabels labels, JsonObject? summary)
    {
        var items = ids.Select(id => (groups.TryGetValue(id, out var g) ? g : "unassigned:" + id, labels.Label[id])).ToList();
        var s = summary?["summary"];
        return new QualityRow(name, ClusteringScores.Score(items), (int?)s?["k"], (double?)s?["silhouette"]);
    }
}
