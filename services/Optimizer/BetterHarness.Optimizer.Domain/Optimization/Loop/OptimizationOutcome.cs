using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>A finished run: where it started, the best version it reached, every iteration, and why it stopped.</summary>
/// <param name="Best">The version offered for review: the best accepted one if it passed the confirmation, else the baseline.</param>
/// <param name="Tokens">Eval and proposer tokens spent.</param>
public sealed record OptimizationOutcome(ScoredVersion Baseline, ScoredVersion Best, IReadOnlyList<IterationRecord> Iterations,
    string StopReason, CostEstimate Estimate, long Tokens, bool Simulated, string Proposer)
{
    public bool Improved => Best.Iteration > 0;

    /// <summary>How the run's tests were corrected for their number.</summary>
    public GateSummary? Gates { get; init; }

    /// <summary>The confirmation run; null when no change was accepted (nothing to confirm).</summary>
    public ConfirmationResult? Confirmation { get; init; }

    /// <summary>Which graders decided: all, or the deterministic ones only (no judge model).</summary>
    public GraderCoverage? Graders { get; init; }
}

/// <summary>The family-wise correction as applied in one run.</summary>
/// <param name="PlannedTests">Tests the run could make (max iterations × candidates per iteration): what α is divided by.</param>
/// <param name="TestsRun">Candidates actually tested (evaluated and given a p-value).</param>
/// <param name="IterationAlpha">α one iteration may spend (Holm over its candidates).</param>
/// <param name="PerTestAlpha">The strictest threshold one test faces (Holm's first step with every slot tested).</param>
public sealed record GateSummary(string Method, double Alpha, int PlannedTests, int TestsRun, double IterationAlpha, double PerTestAlpha);

/// <summary>Graders that could not be graded in the run's evaluations (an <c>llm_judge</c> without a judge model).</summary>
/// <param name="Ungraded">Graders left ungraded, counted once per case (baseline evaluation of both splits).</param>
/// <param name="CasesWithUngraded">Cases with at least one of them.</param>
/// <param name="JudgeModel">The judge model, when one is configured.</param>
/// <param name="DeterministicOnly">True when some grader went ungraded: every decision used the deterministic graders only.</param>
public sealed record GraderCoverage(int Ungraded, int CasesWithUngraded, string? JudgeModel, bool DeterministicOnly)
{
    public static GraderCoverage Of(ScoredVersion baseline, string? judge)
    {
        var perCase = baseline.Optimization.Cases.Concat(baseline.Holdout.Cases)
            .Select(c => c.Trials.Count == 0 ? 0 : c.Trials.Max(t => t.Ungraded)).ToList();
        var ungraded = perCase.Sum();
        return new GraderCoverage(ungraded, perCase.Count(n => n > 0), judge, ungraded > 0);
    }
}
