using System.Text.Json;
using BetterHarness.Optimizer.EvalRuns.Models;
using BetterHarness.Optimizer.EvalRuns.Storage;
using BetterHarness.Optimizer.Harnesses.Storage;

namespace BetterHarness.Optimizer.EvalRuns.Api;

/// <summary>
/// An eval run as the API, the CLI and the web pages show it: status and progress, pass rates per case, split,
/// category and cluster, must-pass status, every trial with its graders and transcript id, tokens, cost and time.
/// </summary>
public sealed record EvalRunReport(
    string Id, string Status, string? Error, string Agent, int HarnessVersion, string HarnessId, string Model, bool Simulated, int Trials,
    string? SnapshotId, CaseFilter Filter, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    RunProgress Progress, double PassRate, IReadOnlyDictionary<string, GroupScore> BySplit, IReadOnlyDictionary<string, GroupScore> ByCategory,
    IReadOnlyDictionary<string, GroupScore> ByCluster, MustPassStatus MustPass, IReadOnlyList<CaseReport> Cases, TokenUsage Tokens, RunTime Time)
{
    /// <summary>How long the dispatcher may take to hand a stored message to a reachable broker before the run says it waits.</summary>
    private static readonly TimeSpan BrokerGrace = TimeSpan.FromSeconds(3);

    /// <summary>Set while messages of the eval runs wait for the broker (it is unreachable): what that means for this run.</summary>
    public BrokerWait? WaitingForBroker { get; init; }

    public static EvalRunReport Build(EvalRunRecord run, EvalRunStore store, ModelCatalog models) =>
        BuildReport(run, store, models) with { WaitingForBroker = BrokerWait.Of(run, store.WaitingForBroker(BrokerGrace)) };

    private static EvalRunReport BuildReport(EvalRunRecord run, EvalRunStore store, ModelCatalog models)
    {
        var trials = store.Trials(run.Id).ToLookup(t => t.CaseId, StringComparer.Ordinal);
        var cases = store.CaseInfo(run.Id).Select(c =>
        {
            var mine = trials[c.CaseId].OrderBy(t => t.Trial).ToList();
            return new CaseReport(c.CaseId, c.Split, c.Category, c.ClusterId, c.MustPass,
                mine.Count == 0 ? null : mine.Count(t => t.Passed) / (double)mine.Count,
                mine.Select(t => new TrialReport(t.Trial, t.Passed, JsonSerializer.Deserialize<List<GraderJson>>(t.GradersJson, EvalRunStore.Json)!,
                    TranscriptIds.Of(run.Id, c.CaseId, t.Trial), t.InputTokens + t.OutputTokens, Math.Round(t.DurationMs, 2))).ToList());
        }).ToList();
        var all = trials.SelectMany(g => g).ToList();
        var model = models.Find(run.Model);
        var input = all.Sum(t => t.InputTokens);
        var output = all.Sum(t => t.OutputTokens);
        var cost = model is null ? 0 : input / 1000.0 * model.CostPer1kInput + output / 1000.0 * model.CostPer1kOutput;
        var scored = cases.Where(c => c.PassRate is not null).ToList();
        var mustPass = cases.Where(c => c.MustPass).ToList();
        return new EvalRunReport(run.Id, run.Status, run.Error, run.Agent, run.HarnessVersion, HarnessIds.Of(run.Agent, run.HarnessVersion),
            run.Model, run.Simulated, run.Trials, run.SnapshotId, run.Filter, run.CreatedAt, run.StartedAt, run.FinishedAt,
            new RunProgress(all.Count, run.CaseCount * run.Trials),
            scored.Count == 0 ? 0 : scored.Average(c => c.PassRate!.Value),
            Group(scored, c => c.Split ?? "unsplit"), Group(scored, c => c.Category), Group(scored, c => c.ClusterId ?? "unclustered"),
            new MustPassStatus(mustPass.Count, mustPass.Count(c => c.PassRate == 1), mustPass.Where(c => c.PassRate is < 1).Select(c => c.CaseId).ToList()),
            cases, new TokenUsage(input, output, input + output, Math.Round(cost, 6)),
            new RunTime(run.StartedAt is { } s ? ((run.FinishedAt ?? DateTimeOffset.UtcNow) - s).TotalMilliseconds : 0,
                all.Sum(t => t.ModelMs), all.Count == 0 ? 0 : all.Average(t => t.DurationMs - t.ModelMs)));
    }

    private static IReadOnlyDictionary<string, GroupScore> Group(IEnumerable<CaseReport> cases, Func<CaseReport, string> key) =>
        cases.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new GroupScore(g.Count(), Math.Round(g.Average(c => c.PassRate!.Value), 4)));
}

public sealed record RunProgress(int CompletedTrials, int TotalTrials);

/// <summary>Messages waiting for the broker (unreachable since <paramref name="Since"/>), and what it means for the run.</summary>
public sealed record BrokerWait(long Messages, DateTimeOffset Since, string Message)
{
    public static BrokerWait? Of(EvalRunRecord run, (long Count, DateTimeOffset Since)? waiting) => waiting is not { } w ? null : new BrokerWait(w.Count, w.Since,
        run.Status == EvalRunStatus.Queued && run.StartedAt is null
            ? "queued: the run is stored and its start waits for the message broker, which is unreachable; it starts when the broker is back"
            : "the run waits for the message broker, which is unreachable: its results are stored as they finish, and its progress and " +
              "finish reach the other services when the broker is back");
}

public sealed record GroupScore(int Cases, double PassRate);

/// <param name="Failing">Must-pass cases that failed at least one trial.</param>
public sealed record MustPassStatus(int Cases, int Passing, IReadOnlyList<string> Failing);

/// <param name="PassRate">Share of trials passed; null while none has finished.</param>
public sealed record CaseReport(string CaseId, string? Split, string Category, string? ClusterId, bool MustPass, double? PassRate, IReadOnlyList<TrialReport> Trials);

public sealed record TrialReport(int Trial, bool Passed, IReadOnlyList<GraderJson> Graders, string TranscriptId, long Tokens, double DurationMs);

public sealed record TokenUsage(long Input, long Output, long Total, double Cost);

/// <param name="RunnerOverheadMsPerTrial">Mean time per trial not spent waiting for the model.</param>
public sealed record RunTime(double WallMs, double ModelMs, double RunnerOverheadMsPerTrial);

/// <summary>Transcript ids: <c>RUN~CASE~TRIAL</c>, served at <c>GET /api/evalruns/transcripts/{id}</c>.</summary>
public static class TranscriptIds
{
    public static string Of(string runId, string caseId, int trial) => $"{runId}~{caseId}~{trial}";

    public static (string RunId, string CaseId, int Trial)? Parse(string id)
    {
        var parts = id.Split('~');
        return parts.Length == 3 && int.TryParse(parts[2], out var trial) ? (parts[0], parts[1], trial) : null;
    }
}
