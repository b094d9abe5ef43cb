using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Tests;

/// <summary>A detector stand-in for construction-rule tests: a user turn containing a marker is a correction.</summary>
internal sealed class FixedDetector(params string[] markers) : ICorrectionDetector
{
    public IReadOnlyList<CorrectionVerdict> Classify(IReadOnlyList<CorrectionPair> pairs, CancellationToken ct = default) =>
        pairs.Select(p => markers.Any(m => p.User.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? new CorrectionVerdict(true, 0.95) : new CorrectionVerdict(false, 0.05)).ToList();
}
