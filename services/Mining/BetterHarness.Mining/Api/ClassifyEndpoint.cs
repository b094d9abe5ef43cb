using BetterHarness.Mining.Detectors;
using BetterHarness.Mining.Domain.Detection;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Mining.Api;

/// <summary>
/// <c>POST /api/corrections/classify</c> <c>{"assistant": "...", "user": "...", "agent"?: "..."}</c> → <c>{"isCorrection": bool, "score": 0..1,
/// "detectorVersion": n}</c>: with an agent, that agent's active detector scores the pair (version 0 = the shipped model).
/// </summary>
public static class ClassifyEndpoint
{
    public sealed record Request(string? Assistant, string? User, string? Agent);

    public sealed record Response(bool IsCorrection, double Score, int DetectorVersion);

    public static IResult Handle(Request? request, AgentDetectors detectors, CancellationToken ct)
    {
        if (request?.User is null)
            return Results.BadRequest(new { error = "body must be JSON {\"assistant\": \"...\", \"user\": \"...\", \"agent\": \"optional\"} with a user turn" });
        var (detector, version) = detectors.Active(string.IsNullOrWhiteSpace(request.Agent) ? null : request.Agent.Trim());
        var verdict = detector.Classify([new CorrectionPair(request.Assistant ?? "", request.User)], ct)[0];
        return Results.Json(new Response(verdict.IsCorrection, verdict.Score, version));
    }
}
