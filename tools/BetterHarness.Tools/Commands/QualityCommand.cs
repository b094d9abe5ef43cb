using System.CommandLine;
using BetterHarness.Tools.Load;
using BetterHarness.Tools.Load.Replay;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh quality clusters FILE.otlp.jsonl --labels FILE.labels.jsonl --label-field F</c>: replays a labelled file
/// into a running server, marks every trace failed (feedback) that its own signals do not flag, waits until
/// all are clustered, re-clusters, and scores the clusters against the labels, next to baselines and the
/// other feature modes (dry runs on the same data).
/// </summary>
public static class QualityCommand
{
    public static Command Create(AnalystPoints analystPoints)
    {
        var file = new Argument<string>("file") { Description = "Labelled traces (.otlp.jsonl)." };
        var labels = new Option<string>("--labels") { Description = "Labels file (.labels.jsonl), one object per trace with traceId.", Required = true };
        var field = new Option<string>("--label-field") { Description = "Field holding the reference group.", DefaultValueFactory = _ => "mistake_agent" };
        var reason = new Option<string?>("--reason-field") { Description = "Free-text field shown per cluster to judge its meaning, e.g. mistake_reason." };
        var endpoint = new Option<string>("--endpoint") { Description = "OTLP/HTTP base address (traces and feedback).", DefaultValueFactory = _ => "http://127.0.0.1:4318" };
        var api = new Option<string>("--api") { Description = "API base address.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-Api-Key." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the pipeline.", DefaultValueFactory = _ => 600 };
        var show = new Option<int>("--show") { Description = "Clusters to print with their label mix and reasons.", DefaultValueFactory = _ => 12 };
        var offline = new Option<bool>("--offline") { Description = "Score the clustering core in process (no server): every grouping method and cut, next to baselines." };
        var analyst = new Option<string?>("--analyst") { Description = "With --offline: also score the default grouping with the LLM failure analyst's statements from this BetterHarness:Models:NAME (Kind=openai; appsettings.json or BetterHarness__Models__NAME__* variables). Sends masked failure summaries to that endpoint." };
        var clusters = new Command("clusters", "Score failure clusters against labelled traces (ARI, purity, inverse purity).")
        {
            file, labels, field, reason, endpoint, api, apiKey, timeout, show, offline, analyst,
        };
        clusters.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            try
            {
                var settings = new QualitySettings(r.GetValue(file)!, QualityLabels.Read(r.GetValue(labels)!, r.GetValue(field)!, r.GetValue(reason)),
                    HttpClients.ParseBase(r.GetValue(endpoint)!, "--endpoint"), HttpClients.ParseBase(r.GetValue(api)!, "--api"),
                    r.GetValue(apiKey), TimeSpan.FromSeconds(r.GetValue(timeout)), r.GetValue(show), r.GetValue(analyst));
                if (settings.Analyst is not null && !r.GetValue(offline))
                    throw new CommandFailedException("--analyst scores in process: add --offline (a running server uses BetterHarness:Clustering:Analyst:Model instead).");
                return r.GetValue(offline) ? QualityOffline.Run(settings, analystPoints) : await QualityRun.RunAsync(settings, ct);
            }
            catch (CommandFailedException ex)
            {
                AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
                return ex.ExitCode;
            }
        });
        return new Command("quality", "Measure the quality of the pipeline's output on labelled data.") { clusters };
    }
}

/// <summary>Everything <c>bh quality clusters</c> was asked to do.</summary>
/// <param name="Analyst">With --offline: the model whose root-cause statements are scored too (null: none).</param>
public sealed record QualitySettings(string File, QualityLabels Labels, Uri Endpoint, Uri Api, string? ApiKey, TimeSpan Timeout, int Show, string? Analyst = null);
