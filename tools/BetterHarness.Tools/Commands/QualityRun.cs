using BetterHarness.Tools.Load;
using BetterHarness.Tools.Load.Replay;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>The steps of <c>bh quality clusters</c>, in order.</summary>
public static class QualityRun
{
    public static async Task<int> RunAsync(QualitySettings s, CancellationToken ct)
    {
        using var otlp = HttpClients.Create(s.Endpoint, s.ApiKey, 4, TimeSpan.FromSeconds(100));
        using var http = HttpClients.Create(s.Api, s.ApiKey, 4, TimeSpan.FromMinutes(10));
        var api = new ClustersApi(http);
        if (!await api.ServesClustersAsync(ct))
            throw new CommandFailedException($"{s.Api} does not serve /api/clusters: point --api at a server running the clustering service (bh up).");

        var sent = await new ReplaySender(new OtlpJsonPoster(otlp, new Uri(s.Endpoint, "v1/traces"), new ServerOutage(TimeSpan.FromSeconds(60))), 4).SendAsync(ReplayFile.Read(s.File), ct);
        sent.Print(AnsiConsole.Console);
        var ids = sent.AcceptedTraceIds.Where(s.Labels.Label.ContainsKey).ToList();
        if (ids.Count == 0) throw new CommandFailedException("No accepted trace has a label: do the labels belong to this file?");
        if (!await new ReplayWaiter([new TraceCompletionStage(http)], s.Timeout).WaitAsync(ids, ct)) return 1;

        var facts = await FactsAsync(api, ids, ct);
        var marked = facts.Values.Where(f => !f.Flagged).Select(f => f.TraceId).ToList();
        AnsiConsole.MarkupLine($"{facts.Count - marked.Count} of {facts.Count} traces are flagged by their own signals; marking {marked.Count} failed through feedback.");
        await Parallel.ForEachAsync(marked, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (id, token) => await ClustersApi.PostFeedbackAsync(otlp, id, token));
        if (!await new ReplayWaiter([new TraceCompletionStage(http), new ClustersWaitStage(api, api)], s.Timeout).WaitAsync(ids, ct)) return 1;

        var scored = new List<QualityRow>();
        await AnsiConsole.Status().StartAsync("Re-clustering and scoring…", async _ =>
        {
            var summary = await api.ReclusterAsync(null, dryRun: false, ct);
            var assignments = await api.AssignmentsAsync(null, ct);
            var configured = (string?)summary["summary"]?["features"] ?? "configured";
            scored.Add(QualityRow.Of($"clusters ({configured}, as served)", ids, assignments, s.Labels, summary));
            foreach (var mode in new[] { "embedding", "tfidf", "combined" })
            {
                var dry = await api.ReclusterAsync(mode, dryRun: true, ct);
                var map = (dry["assignments"]?.AsArray() ?? []).ToDictionary(a => (string)a!["traceId"]!, a => (string)a!["clusterId"]!);
                scored.Add(QualityRow.Of($"features: {mode}", ids, map, s.Labels, dry));
            }
            scored.Add(QualityRow.Of("baseline: service/agent", ids, facts.ToDictionary(f => f.Key, f => f.Value.ServiceAgent), s.Labels, null));
            scored.Add(QualityRow.Of("baseline: error.type", ids, facts.ToDictionary(f => f.Key, f => f.Value.ErrorType), s.Labels, null));
            QualityReport.PrintClusters(ids, assignments, s.Labels, await api.GetJsonAsync("api/clusters", ct), s.Show);
        });
        QualityReport.PrintScores(scored, ids.Count, s.Labels.Label.Values.Distinct().Count());
        return 0;
    }

    private static async Task<Dictionary<string, QualityTraceFacts>> FactsAsync(ClustersApi api, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var facts = new System.Collections.Concurrent.ConcurrentDictionary<string, QualityTraceFacts>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (id, token) =>
        {
            var trace = await api.TraceAsync(id, token) ?? throw new CommandFailedException($"Trace {id} vanished from the API.");
            facts[id] = QualityTraceFacts.From(id, trace);
        });
        return new Dictionary<string, QualityTraceFacts>(facts);
    }
}
