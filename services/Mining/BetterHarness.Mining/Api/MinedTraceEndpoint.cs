using BetterHarness.Mining.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Mining.Api;

/// <summary>
/// <c>GET /api/mining/traces/{traceId}</c>: how far mining got with a trace — the revision it mined and the
/// candidate it feeds (none when the digest yielded no case). 404 until mining has seen the trace.
/// <c>bh replay --wait</c> polls it to know mining is done.
/// </summary>
public static class MinedTraceEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/mining/traces/{traceId}", Get);

    private static IResult Get(string traceId, CandidateStore store)
    {
        traceId = traceId.ToLowerInvariant();
        if (traceId.Length != 32 || !traceId.All(char.IsAsciiHexDigit))
            return Results.BadRequest(new { error = "traceId must be 32 hex characters" });
        return store.Outcome(traceId, alreadyMined: true) is { } outcome
            ? Results.Json(new { traceId, revision = outcome.Revision, candidateId = outcome.CandidateId, merged = outcome.Merged })
            : Results.NotFound(new { error = $"mining has not seen trace {traceId} (yet)" });
    }
}
