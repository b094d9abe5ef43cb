using System.CommandLine;
using BetterHarness.Host.Load;
using BetterHarness.Host.Load.Replay;
using Spectre.Console;

namespace BetterHarness.Host.Commands;

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
        var wait = new Option<bool>("--wait") { Description = "After sending, wait until every accepted trace is completed." };
        var api = new Option<string>("--api") { Description = "API base address used by --wait.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds --wait waits before giving up.", DefaultValueFactory = _ => 120 };

        var command = new Command("replay", "Replay recorded OTLP/JSON traces (.otlp.jsonl) against an ingest endpoint.")
        {
            file, endpoint, concurrency, apiKey, wait, api, timeout,
        };
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            try
            {
                return await RunAsync(result.GetValue(file)!, result.GetValue(endpoint)!, result.GetValue(concurrency),
                    result.GetValue(apiKey), result.GetValue(wait) ? result.GetValue(api) : null, result.GetValue(timeout), ct);
            }
            catch (CommandFailedException ex)
            {
                AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
                return ex.ExitCode;
            }
        });
        return command;
    }

    /// <returns>0 when everything was accepted (and completed, with --wait), 1 otherwise.</returns>
    private static async Task<int> RunAsync(string path, string endpoint, int concurrency, string? apiKey,
        string? waitApi, int timeoutSeconds, CancellationToken ct)
    {
        if (concurrency < 1) throw new CommandFailedException("--concurrency must be at least 1.");
        if (timeoutSeconds < 1) throw new CommandFailedException("--timeout must be at least 1 second.");
        var baseUri = HttpClients.ParseBase(endpoint, "--endpoint");
        var apiUri = waitApi is null ? null : HttpClients.ParseBase(waitApi, "--api");
        var lines = ReplayFile.Read(path);

        using var client = HttpClients.Create(baseUri, apiKey, concurrency, TimeSpan.FromSeconds(100));
        var poster = new OtlpJsonPoster(client, new Uri(baseUri, "v1/traces"));
        var summary = await new ReplaySender(poster, concurrency).SendAsync(lines, ct);
        summary.Print(AnsiConsole.Console);
        if (apiUri is null) return summary.Failed == 0 ? 0 : 1;

        using var apiClient = HttpClients.Create(apiUri, apiKey, 4, TimeSpan.FromSeconds(30));
        // The seam for later stages (e.g. clustering): append them here; they share the --timeout deadline.
        IReplayWaitStage[] stages = [new TraceCompletionStage(apiClient), new ClustersWaitStage(new ClustersApi(apiClient))];
        var completed = await new ReplayWaiter(stages, TimeSpan.FromSeconds(timeoutSeconds)).WaitAsync(summary.AcceptedTraceIds, ct);
        return summary.Failed == 0 && completed ? 0 : 1;
    }
}
