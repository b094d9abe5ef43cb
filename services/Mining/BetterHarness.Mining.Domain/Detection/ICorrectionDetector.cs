namespace BetterHarness.Mining.Domain.Detection;

/// <summary>Says whether a user turn corrects the agent turn before it.</summary>
public interface ICorrectionDetector
{
    IReadOnlyList<CorrectionVerdict> Classify(IReadOnlyList<CorrectionPair> pairs, CancellationToken ct = default);
}
