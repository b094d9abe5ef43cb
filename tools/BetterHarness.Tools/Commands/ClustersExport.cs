using System.Text.Json;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary><c>bh clusters export FILE</c>: every assignment with its cluster label, streamed to a JSON lines file.</summary>
public static class ClustersExport
{
    public static async Task<int> RunAsync(ClustersApi api, string path, CancellationToken ct)
    {
        var labels = (await api.GetJsonAsync("api/clusters?limit=10000", ct))?["clusters"]?.AsArray()
            .ToDictionary(c => (string)c!["id"]!, c => (string?)c!["label"] ?? "") ?? [];
        Dictionary<string, string> assignments = [];
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("assignments fetched: 0");
                task.IsIndeterminate = true;
                assignments = await api.AssignmentsAsync(n => task.Description = $"assignments fetched: {n:N0}", ct);
                task.StopTask();
            });
        await using var writer = new StreamWriter(path);
        foreach (var (traceId, clusterId) in assignments.OrderBy(a => a.Value, StringComparer.Ordinal).ThenBy(a => a.Key, StringComparer.Ordinal))
            await writer.WriteLineAsync(JsonSerializer.Serialize(new { traceId, clusterId, label = labels.GetValueOrDefault(clusterId) }));
        AnsiConsole.MarkupLine($"[green]Wrote {assignments.Count:N0} assignments in {labels.Count:N0} clusters to {Markup.Escape(path)}.[/]");
        return 0;
    }
}
