using BetterHarness.Tools.Load;
using BetterHarness.Tools.Load.Replay;
using BetterHarness.Mining.Domain.Cases;
using Spectre.Console;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Tools.Commands;

/// <summary>Replay → wait until mining settles → export candidates → score them against the labels.</summary>
public static class MiningQualityRun
{
    public sealed record Settings(string File, string Labels, Uri Endpoint, Uri Api, string? ApiKey, TimeSpan Settle, TimeSpan Timeout, bool Replay);

    public static async Task<int> RunAsync(Settings s, CancellationToken ct)
    {
        var labels = MiningQualityLabels.Read(s.Labels);
        if (s.Replay)
        {
            using var otlp = HttpClients.Create(s.Endpoint, s.ApiKey, 4, TimeSpan.FromSeconds(100));
            var summary = await new ReplaySender(new OtlpJsonPoster(otlp, new Uri(s.Endpoint, "v1/traces"), new ServerOutage(TimeSpan.FromSeconds(60))), 4).SendAsync(ReplayFile.Read(s.File), ct);
            summary.Print(AnsiConsole.Console);
        }
        using var api = HttpClients.Create(s.Api, s.ApiKey, 2, TimeSpan.FromMinutes(5));
        var cases = await WaitForMiningAsync(api, labels.Keys.ToHashSet(), s.Settle, s.Timeout, ct);
        MiningQualityReport.Print(MiningQualityReport.Measure(cases, labels));
        return 0;
    }

    /// <summary>Polls the export until no new source trace appeared for <paramref name="settle"/>.</summary>
    private static async Task<IReadOnlyList<EvalCase>> WaitForMiningAsync(HttpClient api, HashSet<string> traces, TimeSpan settle, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var lastCount = -1;
        var lastChange = DateTime.UtcNow;
        IReadOnlyList<EvalCase> cases = [];
        await AnsiConsole.Status().StartAsync("waiting for mining…", async status =>
        {
            while (DateTime.UtcNow < deadline)
            {
                var body = await api.GetStringAsync("api/candidates/export", ct);
                cases = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(EvalCaseJson.Deserialize).ToList();
                var count = cases.Sum(c => CandidateProvenance.Sources(c).Count(x => traces.Contains(x.TraceId)));
                if (count != lastCount) (lastCount, lastChange) = (count, DateTime.UtcNow);
                else if (DateTime.UtcNow - lastChange >= settle) return;
                status.Status($"waiting for mining… {count} labelled traces in {cases.Count} candidates");
                await Task.Delay(2000, ct);
            }
        });
        return cases;
    }
}
