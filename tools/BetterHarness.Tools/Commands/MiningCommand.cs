using System.CommandLine;
using BetterHarness.Tools.Load;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh mining quality</c>: replays tau-bench airline conversations (with ground-truth labels) against a
/// running instance and reports how well mining turns corrected failures into candidates.
/// </summary>
public static class MiningCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "OTLP/JSON lines to replay.", DefaultValueFactory = _ => "../shared/data/taubench-airline.otlp.jsonl" };
        var labels = new Option<string?>("--labels") { Description = "Ground truth (.labels.jsonl); default: next to --file." };
        var endpoint = new Option<string>("--endpoint") { Description = "OTLP/HTTP base address.", DefaultValueFactory = _ => "http://127.0.0.1:4318" };
        var api = new Option<string>("--api") { Description = "API base address.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-Api-Key." };
        var settle = new Option<int>("--settle") { Description = "Seconds without new mined traces before measuring.", DefaultValueFactory = _ => 20 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for mining at most.", DefaultValueFactory = _ => 900 };
        var noReplay = new Option<bool>("--no-replay") { Description = "Measure what the instance already holds (the file was replayed before)." };
        var offline = new Option<bool>("--offline") { Description = "Run the mining core in process (no server) and also list every tool_called assertion against the ground truth." };
        var quality = new Command("quality", "Replay labelled tau-bench traces and report mining quality.") { file, labels, endpoint, api, apiKey, settle, timeout, noReplay, offline };
        quality.SetAction(async (r, ct) =>
        {
            try
            {
                var path = r.GetValue(file)!;
                if (r.GetValue(offline)) return MiningQualityOffline.Run(path, r.GetValue(labels) ?? path.Replace(".otlp.jsonl", ".labels.jsonl"));
                var settings = new MiningQualityRun.Settings(path, r.GetValue(labels) ?? path.Replace(".otlp.jsonl", ".labels.jsonl"),
                    HttpClients.ParseBase(r.GetValue(endpoint)!, "--endpoint"), HttpClients.ParseBase(r.GetValue(api)!, "--api"), r.GetValue(apiKey),
                    TimeSpan.FromSeconds(r.GetValue(settle)), TimeSpan.FromSeconds(r.GetValue(timeout)), !r.GetValue(noReplay));
                return await MiningQualityRun.RunAsync(settings, ct);
            }
            catch (CommandFailedException ex)
            {
                AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
                return ex.ExitCode;
            }
        });
        return new Command("mining", "Eval mining tools.") { quality };
    }
}
