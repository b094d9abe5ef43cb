using BetterHarness.Optimizer.Domain.Optimization.Lint;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Domain.Optimization.Reporting;

/// <summary>
/// The report of a run, in the shape the API serves (camelCase JSON; paths and fields are a public contract).
/// </summary>
/// <param name="Status">Run status: <c>awaiting_review</c>, <c>approved</c>, <c>rejected</c>, …</param>
/// <param name="Simulated">True when the eval model was the simulation: gains are the simulation's, not a real model's.</param>
/// <param name="HarnessVersion">Version number of the resulting harness (set once the service has stored it).</param>
/// <param name="Final">The version offered for review; the baseline's scores when no change was accepted or the confirmation failed.</param>
public sealed record OptimizationReport(string Status, bool Simulated, string Proposer, VersionScore Baseline, VersionScore Final,
    IReadOnlyList<IterationReport> Iterations, int? HarnessVersion, string StopReason, CostEstimate Estimate, long Tokens)
{
    /// <summary>The family-wise correction: method, α, number of tests planned and run, the corrected thresholds.</summary>
    public GateSummary? Gates { get; init; }

    /// <summary>The final version against the baseline on fresh trials; null when no change was accepted.</summary>
    public ConfirmationResult? Confirmation { get; init; }

    /// <summary>Graders that went ungraded (no judge model) and whether decisions used deterministic graders only.</summary>
    public GraderCoverage? Graders { get; init; }
}

/// <summary>A harness version's scores on both splits, and per category with the optimisation–holdout gap.</summary>
public sealed record VersionScore(SplitScore Optimization, SplitScore Holdout, IReadOnlyDictionary<string, CategoryScore> ByCategory);

/// <summary>One split: mean pass rate, per case, per category.</summary>
public sealed record SplitScore(double PassRate, IReadOnlyList<CaseScore> Cases, IReadOnlyDictionary<string, double> ByCategory)
{
    /// <summary>95% t-interval of the mean per-case pass rate, [low, high] clipped to [0, 1]; null with fewer than two cases.</summary>
    public IReadOnlyList<double>? Ci95 { get; init; }
}

/// <param name="TranscriptIds">Transcripts of the case's trials (for the side-by-side view).</param>
public sealed record CaseScore(string CaseId, double PassRate, string Category, bool MustPass, IReadOnlyList<string> TranscriptIds);

/// <param name="Gap">Optimisation minus holdout pass rate: a growing gap is the overfitting sign.</param>
public sealed record CategoryScore(double? Optimization, double? Holdout, double? Gap);

/// <summary>One iteration as reported: the accepted change, or the best rejected one, and what it did.</summary>
/// <param name="HoldoutPassRate">Only for accepted versions.</param>
/// <param name="Ci95">95% confidence interval of the mean per-case pass-rate difference, [low, high].</param>
/// <param name="Candidates">Changes tried in the iteration.</param>
/// <param name="Diff">Readable diff of the change (lines prefixed + / -).</param>
public sealed record IterationReport(int Iteration, HarnessChange Change, bool Accepted, string Reason, IReadOnlyList<string> Gained,
    IReadOnlyList<string> Regressed, IReadOnlyList<string> MustPassRegressed, IReadOnlyList<LintFlag> LintFlags,
    double? OptimizationPassRate, double? HoldoutPassRate, double? PValue, IReadOnlyList<double>? Ci95, int Candidates, string Diff)
{
    /// <summary>The p-value after Holm's correction over the iteration's tested candidates.</summary>
    public double? AdjustedPValue { get; init; }

    /// <summary>The family-wise threshold the adjusted p-value was compared with (α / max iterations).</summary>
    public double? Threshold { get; init; }
}
