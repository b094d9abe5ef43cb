using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>The detector's verdict on one user message (by index) replying to an agent turn.</summary>
public sealed record TurnVerdict(int UserIndex, int AssistantIndex, CorrectionVerdict Verdict);
