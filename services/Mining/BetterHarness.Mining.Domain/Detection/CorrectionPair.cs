namespace BetterHarness.Mining.Domain.Detection;

/// <summary>The agent's turn and the user's reply to it.</summary>
public sealed record CorrectionPair(string Assistant, string User);

/// <summary>Detector verdict: probability that the user corrects the agent, and the decision at the shipped threshold.</summary>
public sealed record CorrectionVerdict(bool IsCorrection, double Score);
