using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Lint;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>
/// Steps 4 and 6 for the candidates of one iteration: apply each change, lint it, evaluate it on the optimisation set
/// and assess it; then decide them together, because the iteration's α is shared by Holm over the candidates that were
/// tested. A change that cannot be applied, changes nothing, or is lint-rejected under a rejecting policy costs no eval
/// and is no test.
/// </summary>
public sealed class ValidateStep(SplitEvaluator evaluator, ChangeValidator validator, OverfitLint lint, ValidationPolicy policy, FamilyWiseGate gate)
{
    public async Task<(IReadOnlyList<CandidateOutcome> Outcomes, long Tokens)> ValidateAsync(IReadOnlyList<HarnessChange> changes,
        ScoredVersion baseline, ScoredVersion current, CaseSet<OptimizationSplit> cases, IReadOnlyList<ToolDefinition> catalog,
        Func<int, int, Task>? onProgress, CancellationToken cancellationToken)
    {
        var outcomes = new List<CandidateOutcome>();
        var assessments = new List<ChangeAssessment?>();
        long tokens = 0;
        foreach (var change in changes)
        {
            var (outcome, assessment, spent) = await AssessAsync(change, baseline, current, cases, catalog, onProgress, cancellationToken);
            outcomes.Add(outcome);
            assessments.Add(assessment);
            tokens += spent;
        }
        var adjusted = FamilyWiseGate.HolmAdjusted(assessments.Select(a => a?.Test.PValue).ToList());
        for (var i = 0; i < outcomes.Count; i++)
            if (assessments[i] is { } a)
                outcomes[i] = outcomes[i] with { Decision = ChangeValidator.Decide(a, adjusted[i]!.Value, gate.IterationAlpha) };
        return (outcomes, tokens);
    }

    private async Task<(CandidateOutcome Outcome, ChangeAssessment? Assessment, long Tokens)> AssessAsync(HarnessChange change,
        ScoredVersion baseline, ScoredVersion current, CaseSet<OptimizationSplit> cases, IReadOnlyList<ToolDefinition> catalog,
        Func<int, int, Task>? onProgress, CancellationToken cancellationToken)
    {
        var (harness, error) = HarnessChangeApplier.Apply(current.Harness, change, catalog);
        if (harness is null) return (Skipped(change, null, [], $"cannot be applied: {error}"), null, 0);
        if (HarnessHash.Of(harness) == HarnessHash.Of(current.Harness)) return (Skipped(change, harness, [], "changes nothing"), null, 0);
        var flags = lint.Check(change, harness);
        if (policy.RejectOnLintFlags && flags.Count > 0)
            return (Skipped(change, harness, flags, $"overfit lint: {string.Join("; ", flags.Select(f => f.Detail))} (policy rejects flagged changes)"), null, 0);
        var result = await evaluator.EvaluateAsync(harness, cases, onProgress, cancellationToken);
        var assessment = validator.Assess(cases, baseline.Optimization, current.Optimization, result, flags);
        return (new CandidateOutcome(change, harness, flags, ValidationDecision.NotEvaluated("pending the iteration's family-wise gate"),
            result.PassRate), assessment, result.Tokens);
    }

    private static CandidateOutcome Skipped(HarnessChange change, HarnessDocument? harness, IReadOnlyList<LintFlag> flags, string reason) =>
        new(change, harness, flags, ValidationDecision.NotEvaluated(reason), null);
}
