namespace BetterHarness.Web.Backends;

// The shapes of the optimizer's optimisation API (/api/optimizations*) as the pages read them.

public sealed record OptimizationList(IReadOnlyList<OptimizationRow> Optimizations, int Count);

public sealed record OptimizationRow(string Id, string Agent, string Status, DateTimeOffset CreatedAt, int? HarnessVersion, string? Model)
{
    /// <summary>The run's model is of the simulated kind (whatever its name).</summary>
    public bool Simulated { get; init; }
}

public sealed record OptimizationDetail(string Id, string Agent, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string RequestedBy, string? SnapshotId, int MaxIterations, int Trials, string Model, bool Simulated,
    string? Progress, string? Error, int? BaseVersion, int? HarnessVersion, string? DecidedBy, DateTimeOffset? DecidedAt,
    string? DecisionReason, IReadOnlyList<OptimizationAudit> Audit, OptimizationReportView? Report)
{
    public bool Finished => Status is "awaiting_review" or "approved" or "rejected" or "failed";

    /// <summary>The model the offered version was validated with (by kind: simulated or not); null when the run offers no new version.</summary>
    public ValidatedWithView? ValidatedWith { get; init; }
}

public sealed record OptimizationAudit(DateTimeOffset At, string Actor, string Role, string Action, string? Detail);

public sealed record OptimizationReportView(string Status, bool Simulated, string Proposer, VersionScoreView Baseline, VersionScoreView Final,
    IReadOnlyList<IterationView> Iterations, int? HarnessVersion, string StopReason, CostEstimateView Estimate, long Tokens)
{
    public GatesView? Gates { get; init; }
    public ConfirmationView? Confirmation { get; init; }
    public GraderCoverageView? Graders { get; init; }
}

/// <summary>The family-wise correction of the run's tests.</summary>
public sealed record GatesView(string Method, double Alpha, int PlannedTests, int TestsRun, double IterationAlpha, double PerTestAlpha);

/// <summary>The final version against the baseline on fresh trials.</summary>
public sealed record ConfirmationView(bool Passed, string Reason, int Iteration, int Trials, int FirstTrial, double BaselinePassRate,
    double FinalPassRate, PairedTestView Test, double Alpha, IReadOnlyList<string> MustPassBelowBaseline);

public sealed record PairedTestView(double MeanDifference, double PValue, double Ci95Low, double Ci95High);

/// <summary>Graders left ungraded (no judge model).</summary>
public sealed record GraderCoverageView(int Ungraded, int CasesWithUngraded, string? JudgeModel, bool DeterministicOnly);

public sealed record CostEstimateView(long MaxTrials, long EstimatedTokens, long TokensPerReplay);

public sealed record VersionScoreView(SplitScoreView Optimization, SplitScoreView Holdout, IReadOnlyDictionary<string, CategoryScoreView> ByCategory);

public sealed record SplitScoreView(double PassRate, IReadOnlyList<CaseScoreView> Cases, IReadOnlyDictionary<string, double> ByCategory);

public sealed record CaseScoreView(string CaseId, double PassRate, string Category, bool MustPass, IReadOnlyList<string> TranscriptIds);

public sealed record CategoryScoreView(double? Optimization, double? Holdout, double? Gap);

public sealed record IterationView(int Iteration, ChangeView Change, bool Accepted, string Reason, IReadOnlyList<string> Gained,
    IReadOnlyList<string> Regressed, IReadOnlyList<string> MustPassRegressed, IReadOnlyList<LintFlagView> LintFlags,
    double? OptimizationPassRate, double? HoldoutPassRate, double? PValue, IReadOnlyList<double>? Ci95, int Candidates, string Diff)
{
    /// <summary>The p-value after Holm's correction over the iteration's candidates.</summary>
    public double? AdjustedPValue { get; init; }
    /// <summary>The family-wise threshold it was compared with.</summary>
    public double? Threshold { get; init; }
}

public sealed record ChangeView(string Kind, string Target, string Text, string Rationale);

public sealed record LintFlagView(string Kind, string Detail, string? CaseId, string? Quote);

/// <summary>One case before (baseline) and after (final), on either split.</summary>
public sealed record CaseComparison(string CaseId, string Split, string Category, bool MustPass, double Before, double After,
    IReadOnlyList<string> BeforeTranscripts, IReadOnlyList<string> AfterTranscripts)
{
    public double Delta => After - Before;

    public static IReadOnlyList<CaseComparison> Of(OptimizationReportView report) =>
    [
        .. Pair("optimization", report.Baseline.Optimization, report.Final.Optimization),
        .. Pair("holdout", report.Baseline.Holdout, report.Final.Holdout),
    ];

    private static IEnumerable<CaseComparison> Pair(string split, SplitScoreView before, SplitScoreView after)
    {
        var final = after.Cases.ToDictionary(c => c.CaseId);
        return before.Cases.Select(b => final.TryGetValue(b.CaseId, out var a)
                ? new CaseComparison(b.CaseId, split, b.Category, b.MustPass, b.PassRate, a.PassRate, b.TranscriptIds, a.TranscriptIds)
                : new CaseComparison(b.CaseId, split, b.Category, b.MustPass, b.PassRate, b.PassRate, b.TranscriptIds, b.TranscriptIds))
            .OrderBy(c => c.Delta).ThenBy(c => c.CaseId, StringComparer.Ordinal);
    }
}
