using System.Diagnostics.Metrics;
using System.Text;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.EvalRuns.Running;
using BetterHarness.Optimizer.EvalRuns.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.EvalRuns.Tracing;

/// <summary>
/// Sends each finished trial to the ingest as OTLP/JSON over HTTP. Best effort: the result is already stored, so a
/// failed export is counted (<c>bh.evalruns.traces.dropped</c>) and logged once per run, never failing the run.
/// </summary>
public sealed class OtlpEvalTraceSink(HttpClient http, IOptions<EvalRunOptions> options, TimeProvider clock, ILogger<OtlpEvalTraceSink> logger)
    : IEvalTraceSink
{
    public const string HttpClientName = "bh-evalruns-otlp";
    private static readonly Meter Meter = new("BetterHarness.EvalRuns");
    private static readonly Counter<long> Dropped = Meter.CreateCounter<long>("bh.evalruns.traces.dropped");
    private readonly HashSet<string> _warned = [];

    public async ValueTask ExportAsync(EvalRunRecord run, EvalCase evalCase, TrialResult result, CancellationToken cancellationToken)
    {
        if (!options.Value.ExportTraces) return;
        try
        {
            using var content = new StringContent(OtlpTraceBuilder.Build(run, evalCase, result, clock.GetUtcNow()), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("", content, cancellationToken);
            if (!response.IsSuccessStatusCode) Drop(run.Id, $"ingest answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex) { Drop(run.Id, ex.Message); }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested) { Drop(run.Id, ex.Message); }
    }

    private void Drop(string runId, string why)
    {
        Dropped.Add(1);
        lock (_warned)
            if (_warned.Add(runId)) logger.LogWarning("Eval run {RunId}: trace export to the ingest failed ({Why}); results are stored regardless", runId, why);
    }
}
