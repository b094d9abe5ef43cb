namespace BetterHarness.Optimizer.Domain.Optimization.Diagnosis;

/// <summary>
/// Why the optimisation set fails under the current harness: failing cases, grouped by category and cluster, and the
/// <see cref="Patterns"/> of what went wrong across them (what the agent called against what the graders wanted).
/// </summary>
public sealed record FailureDiagnosis(double PassRate, int CaseCount, IReadOnlyList<FailingCase> FailingCases,
    IReadOnlyList<FailureGroup> Groups)
{
    public IReadOnlyList<FailurePattern> Patterns { get; init; } = [];
}

/// <summary>A case that failed at least one trial, with what went wrong.</summary>
/// <param name="Texts">The case's conversation and expectation (optimisation content: the proposer may read it).</param>
public sealed record FailingCase(string CaseId, string Category, string? ClusterId, bool MustPass, double PassRate,
    IReadOnlyList<string> Texts, IReadOnlyList<FailureSymptom> Symptoms, IReadOnlyList<string> TranscriptIds);

/// <summary>One grader failing across the case's trials.</summary>
/// <param name="Trials">In how many trials it failed.</param>
/// <param name="ToolsCalled">What the agent called in the first failing trial.</param>
public sealed record FailureSymptom(string GraderType, string? Tool, string Detail, int Trials, IReadOnlyList<string> ToolsCalled,
    string? FinalAnswer);

/// <summary>Failing cases of one category and cluster, and which graders fail how often among them.</summary>
public sealed record FailureGroup(string Category, string? ClusterId, IReadOnlyList<string> CaseIds,
    IReadOnlyDictionary<string, int> FailingGraders);
