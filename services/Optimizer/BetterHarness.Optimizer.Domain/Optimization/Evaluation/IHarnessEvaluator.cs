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

    /// <summary>Results in the order of <paramref name="cases"/>, each with exactly <paramref name="trials"/> trials.</summary>
    Task<IReadOnlyList<CaseResult>> EvaluateAsync(HarnessDocument harness, IReadOnlyList<SuiteCase> cases, int trials,
        CancellationToken cancellationToken);
}
