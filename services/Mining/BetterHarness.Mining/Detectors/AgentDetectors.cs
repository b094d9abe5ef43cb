using System.Collections.Concurrent;
using BetterHarness.Mining.Domain.Adaptation;
using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Detectors;

/// <summary>
/// The detector that scores an agent's turns: its active adapted version, or the shipped model (no agent, no labels yet,
/// version 0 active). Loaded models are kept per (agent, version); the active choice is read from the store each time,
/// so a pin or a new version takes effect on the next call.
/// </summary>
/// <param name="fallback">What scores turns of an agent with no adapted detector (the shipped model; a stand-in in tests).</param>
/// <param name="shipped">The shipped model's features and log-odds, loaded on first use by an adapted detector or a training pass.</param>
public sealed class AgentDetectors(ICorrectionDetector fallback, Lazy<CorrectionDetector> shipped, DetectorVersions versions)
{
    private readonly ConcurrentDictionary<(string, int), AdaptedDetector> _loaded = new();

    public CorrectionDetector Shipped => shipped.Value;

    public ICorrectionDetector For(string? agent) => Active(agent).Detector;

    /// <summary>The active detector of <paramref name="agent"/> and its version (0 = shipped).</summary>
    public (ICorrectionDetector Detector, int Version) Active(string? agent)
    {
        if (string.IsNullOrEmpty(agent) || versions.State(agent) is not { ActiveVersion: > 0 } state) return (fallback, 0);
        var detector = _loaded.GetOrAdd((agent, state.ActiveVersion), key =>
            new AdaptedDetector(shipped.Value, versions.Model(key.Item1, key.Item2) ?? throw new InvalidOperationException($"detector version {key} is missing")));
        return (detector, state.ActiveVersion);
    }
}

/// <summary>An agent's adapted model over the shipped model's features and log-odds.</summary>
public sealed class AdaptedDetector(CorrectionDetector shipped, AdaptedModel model) : ICorrectionDetector
{
    public IReadOnlyList<CorrectionVerdict> Classify(IReadOnlyList<CorrectionPair> pairs, CancellationToken ct = default) =>
        shipped.Prior(pairs, ct).Select(row =>
        {
            var score = Math.Round(model.Score(row), 4);
            return new CorrectionVerdict(score >= model.Threshold, score);
        }).ToList();
}
