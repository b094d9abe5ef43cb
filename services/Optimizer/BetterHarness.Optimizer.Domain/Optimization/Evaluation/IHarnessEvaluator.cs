using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;

namespace BetterHarness.Optimizer.Domain.Optimization.Evaluation;

/// <summary>
/// The optimiser's one seam to eval runs: run a harness on some cases, k trials each, and say per trial whether it
/// passed, which graders failed, what the agent did, and where the transcript is. Split-agnostic on purpose: the
/// split lives in the types around it (<see cref="SplitEvaluator"/>).
/// </summary>
public interface IHarnessEvaluator
{
    /// <summary>True when the model behind it is the simulation (reports say so).</summary>
    bool IsSimulated { get; }

    /// <summary>The judge model that grades <c>llm_judge</c> graders; null when none is configured (they go ungraded).</summary>
    string? JudgeModel => null;

    /// <summary>Results in the order of <paramref name="cases"/>, each with exactly <paramref name="trials"/> trials.</summary>
    /// <param name="firstTrial">Number of the first trial (trials are <paramref name="firstTrial"/> … + trials − 1): a model with
    /// noise draws it per trial number, so numbers never used before are fresh trials.</param>
    Task<IReadOnlyList<CaseResult>> EvaluateAsync(HarnessDocument harness, IReadOnlyList<SuiteCase> cases, int trials, int firstTrial,
        CancellationToken cancellationToken);
}
