using System.CommandLine;
using BetterHarness.Tools.Load;
using BetterHarness.Tools.Load.Replay;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh replay FILE.otlp.jsonl</c>: sends recorded OTLP/JSON requests to an ingest endpoint exactly as an
/// exporter would, then optionally waits until the pipeline has finished with every trace.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "An .otlp.jsonl file: one OTLP/JSON ExportTraceServiceRequest per line." };
        var endpoint = new Option<string>("--endpoint") { Description = "OTLP/HTTP base address.", DefaultValueFactory = _ => "http://127.0.0.1:4318" };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 4 };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-Api-Key on OTLP and API requests." };
        var wait = new Option<bool>("--wait")
        {
            Description = "After sending, wait until everything downstream of the accepted traces is done: completed, " +
                          "clustered and mined (a stage whose service is not at the given address is named as not waited for).",
        };
        var api = new Option<string>("--api") { Description = "Ingest API base address used by --wait.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var clusteringApi = new Option<string?>("--clustering-api") { Description = "Clustering API base address for --wait (default: --api; distributed mode: the clustering service's)." };
        var miningApi = new Option<string?>("--mining-api") { Description = "Mining API base address for --wait (default: --api; distributed mode: the mining service's)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds --wait waits before giving up.", DefaultValueFactory = _ => 120 };
        var maxOutage = new Option<int>("--max-outage")
        {
            Description = "Seconds to wait for a server that stops answering mid-replay (a restart) before giving up on it.",
            DefaultValueFactory = _ => 60,
        };

        var command = new Command("replay", "Replay recorded OTLP/JSON traces (.otlp.jsonl) against an ingest endpoint.")
        {
            file, endpoint, concurrency, apiKey, wait, api, clusteringApi, miningApi, timeout, maxOutage,
        };
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            try
            {
                var apis = result.GetValue(wait)
                    ? new WaitApis(result.GetValue(api)!, result.GetValue(clusteringApi), result.GetValue(miningApi))
                    : null;
                return await RunAsync(result.GetValue(file)!, result.GetValue(endpoint)!, result.GetValue(concurrency),
                    result.GetValue(apiKey), apis, result.GetValue(timeout), result.GetValue(maxOutage), ct);
            }
            catch (CommandFailedException ex)
            {
                AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
                return ex.ExitCode;
            }
        });
        return command;
    }

    /// <summary>Where --wait asks: the ingest API, and the clustering and mining APIs (the same one when embedded).</summary>
    private sealed record WaitApis(string Ingest, string? Clustering, string? Mining);

    /// <returns>0 when everything was accepted (and done downstream, with --wait), 1 otherwise.</returns>
    private static async Task<int> RunAsync(string path, string endpoint, int concurrency, string? apiKey,
        WaitApis? waitApis, int timeoutSeconds, int maxOutageSeconds, CancellationToken ct)
    {
        if (concurrency < 1) throw new CommandFailedException("--concurrency must be at least 1.");
        if (timeoutSeconds < 1) throw new CommandFailedException("--timeout must be at least 1 second.");
        if (maxOutageSeconds < 0) throw new CommandFailedException("--max-outage must be 0 or more seconds.");
        var baseUri = HttpClients.ParseBase(endpoint, "--endpoint");
        var apiUri = waitApis is null ? null : HttpClients.ParseBase(waitApis.Ingest, "--api");
        var clusteringUri = waitApis?.Clustering is { } c ? HttpClients.ParseBase(c, "--clustering-api") : apiUri;
        var miningUri = waitApis?.Mining is { } m ? HttpClients.ParseBase(m, "--mining-api") : apiUri;
        var lines = ReplayFile.Read(path);

        using var client = HttpClients.Create(baseUri, apiKey, concurrency, TimeSpan.FromSeconds(100));
        var poster = new OtlpJsonPoster(client, new Uri(baseUri, "v1/traces"), new ServerOutage(TimeSpan.FromSeconds(maxOutageSeconds)));
        var summary = await new ReplaySender(poster, concurrency).SendAsync(lines, ct);
        summary.Print(AnsiConsole.Console);
        if (apiUri is null) return summary.Failed == 0 ? 0 : 1;

        using var apiClient = HttpClients.Create(apiUri, apiKey, 4, TimeSpan.FromSeconds(30));
        using var clusteringClient = HttpClients.Create(clusteringUri!, apiKey, 4, TimeSpan.FromSeconds(30));
        using var miningClient = HttpClients.Create(miningUri!, apiKey, 4, TimeSpan.FromSeconds(30));
        var traces = new ClustersApi(apiClient);
        // Stages run in order under the one --timeout deadline; a later service's stage is appended here.
        IReplayWaitStage[] stages =
        [
            new TraceCompletionStage(apiClient),
            new ClustersWaitStage(traces, new ClustersApi(clusteringClient)),
            new MiningWaitStage(traces, new ClustersApi(miningClient)),
        ];
        var completed = await new ReplayWaiter(stages, TimeSpan.FromSeconds(timeoutSeconds)).WaitAsync(summary.AcceptedTraceIds, ct);
        return summary.Failed == 0 && completed ? 0 : 1;
    }
}
