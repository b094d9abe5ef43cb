using BetterHarness.Mining.Domain.Detection;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Mining.Api;

/// <summary><c>POST /api/corrections/classify</c> <c>{"assistant": "...", "user": "..."}</c> → <c>{"isCorrection": bool, "score": 0..1}</c>.</summary>
public static class ClassifyEndpoint
{
    public sealed record Request(string? Assistant, string? User);

    public sealed record Response(bool IsCorrection, double Score);

    public static IResult Handle(Request? request, ICorrectionDetector detector, CancellationToken ct)
    {
        if (request?.User is null)
            return Results.BadRequest(new { error = "body must be JSON {\"assistant\": \"...\", \"user\": \"...\"} with a user turn" });
        var verdict = detector.Classify([new CorrectionPair(request.Assistant ?? "", request.User)], ct)[0];
        return Results.Json(new Response(verdict.IsCorrection, verdict.Score));
    }
}
