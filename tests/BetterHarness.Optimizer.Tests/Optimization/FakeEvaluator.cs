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

    public ConcurrentBag<(string CaseId, string HarnessHash)> Replays { get; } = [];

    /// <summary>Throw on this evaluator call (1-based), as a crash would.</summary>
    public int? CrashOnCall { get; set; }

    public bool IsSimulated => true;

    public Task<IReadOnlyList<CaseResult>> EvaluateAsync(HarnessDocument harness, IReadOnlyList<SuiteCase> cases, int trials,
        CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) == CrashOnCall) throw new SimulatedCrashException();
        var hash = HarnessHash.Of(harness);
        var text = string.Join('\n', [harness.Instructions, .. harness.Tools.Select(t => t.Description)]);
        var results = cases.Select(c =>
        {
            var fixture = fixtures[c.Id];
            var passes = text.Contains(fixture.Needs, StringComparison.OrdinalIgnoreCase)
                         && (fixture.BrokenBy is null || !text.Contains(fixture.BrokenBy, StringComparison.OrdinalIgnoreCase));
            var trialResults = Enumerable.Range(0, trials).Select(t =>
            {
                Replays.Add((c.Id, hash));
                var passed = Flip(c.Id, t, hash) ? !passes : passes;
                return new TrialResult(passed,
                    passed ? [] : [new GraderFailure("tool_called", fixture.Tool, $"{fixture.Tool} was not called")],
                    passed ? [fixture.Tool] : [], passed ? "done" : "Could you give me more details?", $"tr-{c.Id}-{t}-{hash[..6]}", 100);
            }).ToList();
            return new CaseResult(c.Id, trialResults);
        }).ToList();
        return Task.FromResult<IReadOnlyList<CaseResult>>(results);
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
