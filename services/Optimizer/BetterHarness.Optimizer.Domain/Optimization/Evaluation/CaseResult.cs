namespace BetterHarness.Optimizer.Domain.Optimization.Evaluation;

/// <summary>All trials of one case under one harness.</summary>
public sealed record CaseResult(string CaseId, IReadOnlyList<TrialResult> Trials)
{
    public double PassRate => Trials.Count == 0 ? 0 : (double)Trials.Count(t => t.Passed) / Trials.Count;

    public long Tokens => Trials.Sum(t => (long)t.Tokens);
}

/// <summary>One replay of a case.</summary>
/// <param name="Failures">Graders that did not pass (empty when <paramref name="Passed"/>).</param>
/// <param name="ToolsCalled">Tool names the agent called, in order.</param>
/// <param name="FinalAnswer">The agent's last text reply, if any.</param>
/// <param name="TranscriptId">Where the eval run keeps the full transcript.</param>
public sealed record TrialResult(bool Passed, IReadOnlyList<GraderFailure> Failures, IReadOnlyList<string> ToolsCalled,
    string? FinalAnswer, string? TranscriptId, int Tokens)
{
    /// <summary>Graders of the case that were not graded in this trial (an <c>llm_judge</c> without a judge model).</summary>
    public int Ungraded { get; init; }
}

/// <summary>A grader that failed: its type (<c>tool_called</c>, …), the tool it is about, and what it saw.</summary>
public sealed record GraderFailure(string Type, string? Tool, string Detail);
