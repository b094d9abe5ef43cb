using System.Collections.Concurrent;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;

namespace BetterHarness.Optimizer.Tests.Optimization;

/// <summary>
/// A deterministic evaluator whose outcomes depend on the harness text: a case passes when the harness mentions
/// what the case needs (<see cref="FixtureCase.Needs"/>) and does not contain what breaks it; a seeded flip rate adds
/// run-to-run noise keyed on (case, trial, harness). Counts every (case, trial) it replays; can crash on purpose.
/// </summary>
internal sealed class FakeEvaluator(IReadOnlyDictionary<string, FixtureCase> fixtures, double flipRate = 0) : IHarnessEvaluator
{
    private int _calls;

    public ConcurrentBag<(string CaseId, string HarnessHash, int Trial)> Replays { get; } = [];

    /// <summary>Throw on this evaluator call (1-based), as a crash would.</summary>
    public int? CrashOnCall { get; set; }

    /// <summary>Where transcripts go (the service's store), when set.</summary>
    public BetterHarness.Optimizer.Optimization.Ports.ITranscriptSink? Transcripts { get; set; }

    /// <summary>Time each call takes (a model's latency), observing cancellation as a real evaluator would.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>A harness mentioning "LUCKY" passes every case in trials below this number and gains nothing after: a gain
    /// that was noise in the trials a run used, gone on fresh ones.</summary>
    public int? LuckyUntilTrial { get; set; }

    public bool IsSimulated => true;

    public async Task<IReadOnlyList<CaseResult>> EvaluateAsync(HarnessDocument harness, IReadOnlyList<SuiteCase> cases, int trials,
        int firstTrial, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) == CrashOnCall) throw new SimulatedCrashException();
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        var hash = HarnessHash.Of(harness);
        var text = string.Join('\n', [harness.Instructions, .. harness.Tools.Select(t => t.Description)]);
        var results = cases.Select(c =>
        {
            var fixture = fixtures[c.Id];
            var passes = text.Contains(fixture.Needs, StringComparison.OrdinalIgnoreCase)
                         && (fixture.BrokenBy is null || !text.Contains(fixture.BrokenBy, StringComparison.OrdinalIgnoreCase));
            var trialResults = Enumerable.Range(firstTrial, trials).Select(t =>
            {
                Replays.Add((c.Id, hash, t));
                var passed = Flip(c.Id, t, hash) ? !passes : passes;
                if (LuckyUntilTrial is { } lucky && t < lucky && text.Contains("LUCKY", StringComparison.Ordinal)) passed = true;
                return new TrialResult(passed,
                    passed ? [] : [new GraderFailure("tool_called", fixture.Tool, $"{fixture.Tool} was not called")],
                    passed ? [fixture.Tool] : [], passed ? "done" : "Could you give me more details?", $"tr-{c.Id}-{t}-{hash[..6]}", 100);
            }).ToList();
            return new CaseResult(c.Id, trialResults);
        }).ToList();
        if (Transcripts is null) return results;
        var ids = Transcripts.StoreMany(results.SelectMany(r => r.Trials.Select((t, i) => (r.CaseId, firstTrial + i, hash, System.Text.Json.JsonSerializer.Serialize(new
        {
            graders = new[] { new { type = "tool_called", status = t.Passed ? "passed" : "failed", detail = t.Passed ? "called" : "not called" } },
            transcript = new { messages = new[] { new { role = "assistant", text = t.FinalAnswer } } },
        })))).ToList());
        var next = 0;
        return results.Select(r => r with { Trials = r.Trials.Select(t => t with { TranscriptId = ids[next++] }).ToList() }).ToList();
    }

    private bool Flip(string caseId, int trial, string hash) => flipRate > 0 && Fnv($"{caseId}|{trial}|{hash}") % 10_000 < flipRate * 10_000;

    // Stable across processes, unlike string.GetHashCode.
    private static uint Fnv(string text)
    {
        var h = 2166136261u;
        foreach (var ch in text) h = (h ^ ch) * 16777619u;
        return h;
    }
}

internal sealed class SimulatedCrashException : Exception;
