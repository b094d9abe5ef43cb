using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Curation.Domain.Cases;

/// <summary>What the queue needs from a proposed candidate: read from the typed case, never parsed from display text.</summary>
public sealed record CandidateFacts(string Id, string? Agent, string Summary, IReadOnlyList<string> Tags, string? ClusterId,
    int SupportCount, double? DetectorScore, IReadOnlyList<(string TraceId, int Revision)> Sources)
{
    public static CandidateFacts From(EvalCase candidate)
    {
        var sources = (candidate.Provenance?.Sources ?? []).Where(s => s.TraceId is { Length: > 0 }).Select(s => (s.TraceId, s.Revision)).ToList();
        var scores = candidate.Provenance?.DetectorScores ?? [];
        return new CandidateFacts(
            candidate.Id,
            string.IsNullOrEmpty(candidate.Agent) ? null : candidate.Agent,
            candidate.Summary,
            candidate.Tags,
            candidate.Provenance?.ClusterId is { Length: > 0 } cluster ? cluster : null,
            candidate.SupportCount,
            scores.Count == 0 ? null : scores.Max(s => s.Score),
            sources);
    }
}
