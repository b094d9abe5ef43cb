using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Diagnosis;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// Everything a proposer may see. Built only by <see cref="ProposalInputBuilder"/>, from optimisation-split
/// types alone: no member can hold a holdout case, its content or its result.
/// </summary>
/// <param name="Harness">The current best harness (what the change applies to).</param>
/// <param name="ToolCatalog">Every tool the agent has, for <c>add_tool</c>.</param>
/// <param name="MaxChanges">How many candidate changes to propose (best first).</param>
/// <param name="InstructionWordsLeft">Words the instructions may still grow before the bloat lint flags them.</param>
public sealed record ProposalInput(HarnessDocument Harness, FailureDiagnosis Diagnosis,
    IReadOnlyList<RejectedAttempt> RejectedAttempts, IReadOnlyList<ToolDefinition> ToolCatalog, int MaxChanges,
    int InstructionWordsLeft);
