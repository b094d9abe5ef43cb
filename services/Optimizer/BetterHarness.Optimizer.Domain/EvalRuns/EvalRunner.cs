using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Grading;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Domain.EvalRuns;

/// <summary>
/// Runs a harness on eval cases, k trials each, and grades every run. This is the core the eval-run service
/// and the optimiser share.
/// <example>
/// How the optimiser scores a candidate harness with the simulated model:
/// <code>
/// var model = new ChatAgentRunner("simulated", new SimulatedChatClient(embedder), simulated: true);   // one per process
/// var result = await EvalRunner.EvaluateAsync(candidate, optimisationCases, trials: 3, model,
///     new EvalOptions { MaxParallel = 4 }, ct);
/// result.PassRate;                                   // mean per-case pass rate
/// result.Cases[i].PassRate; result.Cases[i].Trials;  // per case: trials with graders and transcripts
/// RunComparison.Compare(baseline, result);           // paired test and CI95 of the difference
/// </code>
/// A real model: <c>new ChatAgentRunner(name, chatClient)</c> — the same runner; an HTTP agent: <c>HttpAgentRunner</c>.
/// Pass <see cref="EvalOptions.OnTrialCompleted"/> to store results as they finish and
/// <see cref="EvalOptions.Completed"/> to resume without redoing them.
/// </example>
/// </summary>
public static class EvalRunner
{
    public static async Task<EvalResult> EvaluateAsync(HarnessDocument harness, IReadOnlyList<EvalCase> cases, int trials,
        IAgentRunner model, EvalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        options ??= new EvalOptions();
        var results = new TrialResult?[cases.Count, trials];
        var index = cases.Select((c, i) => (c.Id, i)).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().i);
        foreach (var done in options.Completed)
            if (index.TryGetValue(done.CaseId, out var i) && done.Trial >= 0 && done.Trial < trials) results[i, done.Trial] = done;

        var pending = Enumerable.Range(0, cases.Count).SelectMany(c => Enumerable.Range(0, trials).Select(t => (c, t)))
            .Where(p => results[p.c, p.t] is null).ToList();
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallel), CancellationToken = cancellationToken },
            async (pair, ct) =>
            {
                var result = await RunTrialAsync(harness, cases[pair.c], pair.t, model, options.Judge, ct).ConfigureAwait(false);
                if (options.OnTrialCompleted is { } stored) await stored(result, ct).ConfigureAwait(false);
                results[pair.c, pair.t] = result;
            }).ConfigureAwait(false);

        return new EvalResult(model.Name, model.Simulated, cases.Select((c, i) =>
            new CaseResult(c, Enumerable.Range(0, trials).Select(t => results[i, t]!).ToList())).ToList());
    }

    /// <summary>Runs and grades one (case, trial). A run that could not finish fails with an <c>agent_error</c> result.</summary>
    public static async Task<TrialResult> RunTrialAsync(HarnessDocument harness, EvalCase evalCase, int trial, IAgentRunner model,
        IRubricJudge? judge, CancellationToken cancellationToken)
    {
        var transcript = await model.RunAsync(harness, evalCase, trial, cancellationToken).ConfigureAwait(false);
        var verdict = await CaseGrading.GradeAsync(evalCase, TranscriptGrading.ToGradedRun(transcript), judge, cancellationToken).ConfigureAwait(false);
        var graders = verdict.Results.ToList();
        if (transcript.Error is { } error) graders.Insert(0, GraderResult.Fail("agent_error", error));
        else if (transcript.StepLimitReached) graders.Insert(0, GraderResult.Fail("step_limit", $"still calling tools after {transcript.Steps} steps"));
        return new TrialResult(evalCase.Id, trial, verdict.Passed && transcript.Error is null && !transcript.StepLimitReached, graders, transcript);
    }
}
