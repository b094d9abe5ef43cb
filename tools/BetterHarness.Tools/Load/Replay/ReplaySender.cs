using System.Net;
using Spectre.Console;

namespace BetterHarness.Tools.Load.Replay;

/// <summary>Sends every line with bounded concurrency behind a progress bar.</summary>
public sealed class ReplaySender(OtlpJsonPoster poster, int concurrency)
{
    public async Task<ReplaySummary> SendAsync(IReadOnlyList<ReplayLine> lines, CancellationToken ct)
    {
        await ProbeAsync(ct);
        var summary = new ReplaySummary();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"sending {lines.Count:N0} requests", maxValue: lines.Count);
                var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct };
                await Parallel.ForEachAsync(lines, options, async (line, token) =>
                {
                    summary.Record(line, await poster.PostAsync(line.Body, token));
                    task.Increment(1);
                });
            });
        return summary;
    }

    // An empty export request is valid OTLP and stores nothing: it checks the address, the path and the
    // API key before a progress bar appears, so a wrong setup fails with one clear message.
    private async Task ProbeAsync(CancellationToken ct)
    {
        var outcome = await poster.PostAsync("""{"resourceSpans":[]}""", ct);
        if (outcome.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.MethodNotAllowed)
            throw new CommandFailedException(
                $"{poster.TracesUri} is not an OTLP/HTTP traces endpoint (HTTP {outcome.Status}). " +
                "Pass --endpoint with the OTLP/HTTP base address, e.g. http://127.0.0.1:4318 (without /v1/traces).");
    }
}
