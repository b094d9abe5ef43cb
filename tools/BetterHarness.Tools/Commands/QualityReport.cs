using System.Text.Json.Nodes;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>Prints the quality table and, per cluster, its label next to the reference labels and reasons it holds.</summary>
public static class QualityReport
{
    public static void PrintScores(IReadOnlyList<QualityRow> rows, int traces, int labels)
    {
        var table = new Table().Title($"Clusters vs labels: {traces} traces, {labels} distinct labels")
            .AddColumns("grouping", "groups", "ARI", "purity", "inverse purity", "k / silhouette");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Name), r.Scores.Clusters.ToString(), r.Scores.AdjustedRand.ToString("F3"),
                r.Scores.Purity.ToString("F3"), r.Scores.InversePurity.ToString("F3"),
                r.K is { } k ? $"{k} / {r.Silhouette:F3}" : "");
        AnsiConsole.Write(table);
    }

    public static void PrintClusters(IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> assignments, QualityLabels labels, JsonNode? clusters, int show) =>
        PrintClusters(ids, assignments, labels,
            (clusters?["clusters"]?.AsArray() ?? []).ToDictionary(c => (string)c!["id"]!, c => (string?)c!["label"] ?? ""), show);

    public static void PrintClusters(IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> assignments, QualityLabels labels,
        IReadOnlyDictionary<string, string> labelOf, int show)
    {
        var groups = ids.Where(assignments.ContainsKey).GroupBy(id => assignments[id]).OrderByDescending(g => g.Count()).Take(show);
        foreach (var g in groups)
        {
            var mix = g.GroupBy(id => labels.Label[id]).OrderByDescending(x => x.Count()).Take(4).Select(x => $"{x.Key}×{x.Count()}");
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(g.Key)}[/] ({g.Count()}) [blue]{Markup.Escape(labelOf.GetValueOrDefault(g.Key, ""))}[/]");
            AnsiConsole.MarkupLine("  labels: " + Markup.Escape(string.Join(", ", mix)));
            foreach (var id in g.Where(labels.Reason.ContainsKey).Take(3))
                AnsiConsole.MarkupLine("  - " + Markup.Escape(Short(labels.Reason[id])));
        }
    }

    private static string Short(string text) => text.Length <= 160 ? text : text[..157] + "…";
}
