namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>What a proposer answered: candidate changes, best first, and the tokens it spent.</summary>
public sealed record Proposal(IReadOnlyList<HarnessChange> Changes, long Tokens);
