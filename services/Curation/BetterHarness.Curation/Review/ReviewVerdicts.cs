using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.Curation.Domain.Verdicts;
using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Curation.Review;

/// <summary>
/// A decision on a correction-derived candidate is a verdict on its correction turns: published as
/// <see cref="CorrectionVerdictGiven"/> in the decision's own transaction (the outbox), so mining's detector learns from it.
/// </summary>
internal static class ReviewVerdicts
{
    public static void Publish(CurationWrite w, string candidateId, string? agent, string? caseJson, Actor actor, bool isCorrection, string decision, string? reason)
    {
        var sources = CorrectionSources.Of(caseJson is null ? null : JsonNode.Parse(caseJson) as JsonObject);
        if (sources.Count == 0) return;
        w.Publish(new CorrectionVerdictGiven
        {
            CandidateId = candidateId, Agent = agent, IsCorrection = isCorrection, Decision = decision, Reason = reason, Sources = sources,
            By = actor.Name, Role = actor.Role.Name(), At = w.Now,
        });
    }
}
