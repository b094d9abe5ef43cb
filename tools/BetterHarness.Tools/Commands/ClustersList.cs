using System.Text.Json.Nodes;
using BetterHarness.Tools.Load;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>The table <c>bh clusters</c> prints.</summary>
public static class ClustersList
{
    public static async Task<int> RunAsync(ClustersApi api, int limit, CancellationToken ct)
    {
        var body = await api.GetJsonAsync($"api/clusters?limit={limit}", ct)
                   ?? throw new CommandFailedException($"{api.BaseAddress} does not serve /api/clusters: is the clustering service running there?");
        var table = new Table().AddColumns("id", "status", "size", "last seen", "trend", "label");
        foreach (var c in body["clusters"]?.AsArray() ?? [])
            table.AddRow(Markup.Escape((string)c!["id"]!), (string?)c["status"] ?? "", ((long?)c["size"] ?? 0).ToString("N0"),
                Markup.Escape((string?)c["lastSeen"] ?? ""), Sparkline(c["trend"] as JsonArray), Markup.Escape((string?)c["label"] ?? ""));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{(long?)body["failures"] ?? 0:N0} failed traces, {(long?)body["unassigned"] ?? 0:N0} waiting for the next re-clustering.");
        return 0;
    }

    /// <summary>The last 12 buckets as block characters, scaled to the largest.</summary>
    private static string Sparkline(JsonArray? trend)
    {
        var counts = (trend ?? []).Select(t => (int?)t ?? 0).TakeLast(12).ToList();
        if (counts.Count == 0 || counts.Max() == 0) return "";
        const string blocks = "▁▂▃▄▅▆▇█";
        return string.Concat(counts.Select(c => blocks[c * (blocks.Length - 1) / counts.Max()]));
    }
}
