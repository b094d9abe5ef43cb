using System.CommandLine;
using BetterHarness.Tools.Load;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh clusters</c>: the current failure clusters as a table; <c>bh clusters export FILE</c> writes every
/// assignment with its cluster label as JSON lines (with progress); <c>bh clusters recluster</c> re-clusters now;
/// <c>bh clusters bench</c> measures the clustering core (in process: tools/BetterHarness.Benchmarks), <c>bench latency</c>
/// and <c>bench groupings</c> the running pipeline and the grouping methods.
/// </summary>
public static class ClustersCommand
{
    public static Command Create(Command bench)
    {
        var api = new Option<string>("--api") { Description = "API base address.", DefaultValueFactory = _ => "http://127.0.0.1:8080", Recursive = true };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-Api-Key.", Recursive = true };
        var limit = new Option<int>("--limit") { Description = "Clusters to list.", DefaultValueFactory = _ => 50 };
        var file = new Argument<string>("file") { Description = "Output .jsonl file: {traceId, clusterId, label} per line." };

        var export = new Command("export", "Write every failed trace's cluster assignment (with the label) as JSON lines.") { file };
        export.SetAction((r, ct) => Guarded(() => ClustersExport.RunAsync(Client(r, api, apiKey), r.GetValue(file)!, ct)));
        var recluster = new Command("recluster", "Re-cluster now and print what changed.");
        recluster.SetAction((r, ct) => Guarded(async () =>
        {
            var summary = await AnsiConsole.Status().StartAsync("Re-clustering…", _ => Client(r, api, apiKey).ReclusterAsync(null, false, ct));
            AnsiConsole.WriteLine(summary["summary"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }));
        var command = new Command("clusters", "List failure clusters (most recently growing first), export assignments, re-cluster.")
        {
            api, apiKey, limit, export, recluster, bench,
        };
        bench.Subcommands.Add(ClustersBenchLatency.Create());
        bench.Subcommands.Add(ClustersBenchGroupings.Create());
        command.SetAction((r, ct) => Guarded(() => ClustersList.RunAsync(Client(r, api, apiKey), r.GetValue(limit), ct)));
        return command;
    }

    private static ClustersApi Client(ParseResult r, Option<string> api, Option<string?> apiKey) =>
        new(HttpClients.Create(HttpClients.ParseBase(r.GetValue(api)!, "--api"), r.GetValue(apiKey), 2, TimeSpan.FromMinutes(10)));

    private static async Task<int> Guarded(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (CommandFailedException ex)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return ex.ExitCode;
        }
    }
}
