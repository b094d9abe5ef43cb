using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Labels;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Mining.Api;

/// <summary>
/// <c>POST /api/corrections/labels</c> <c>{agent, traceId, userTurn, isCorrection}</c> (curator) → 201 with the stored label;
/// <c>GET /api/corrections/labels?agent=&amp;traceId=</c> → the labels (at least one filter).
/// </summary>
public static class LabelEndpoints
{
    public const int MaxAgentLength = 200;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/corrections/labels", Add).Writes(Role.Curator, "correction.label");
        app.MapGet("/api/corrections/labels", List);
    }

    private static async Task<IResult> Add(HttpContext context, CorrectionLabeller labeller)
    {
        LabelRequest request;
        try { request = Parse(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject); }
        catch (JsonException e) { return Results.BadRequest(new { error = $"body is not JSON: {e.Message}" }); }
        catch (LabelRefusedException e) { return Results.BadRequest(new { error = e.Message }); }
        try
        {
            var label = await labeller.AddAsync(request, context.RequiredActor(), LabelOrigins.Trace, context.RequestAborted);
            return Results.Json(View(label), statusCode: StatusCodes.Status201Created);
        }
        catch (LabelRefusedException e) { return Results.Json(new { error = e.Message }, statusCode: e.Status); }
        catch (IngestUnavailableException e) { return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable); }
    }

    private static IResult List(HttpRequest request, LabelStore store)
    {
        var agent = request.Query["agent"].ToString() is { Length: > 0 } a ? a : null;
        var traceId = request.Query["traceId"].ToString() is { Length: > 0 } t ? t.ToLowerInvariant() : null;
        if (agent is null && traceId is null) return Results.BadRequest(new { error = "name the agent (?agent=NAME) or the trace (?traceId=ID)" });
        if (traceId is not null && !IsTraceId(traceId)) return Results.BadRequest(new { error = "traceId must be 32 hex characters" });
        var labels = store.List(agent, traceId);
        return Results.Json(new
        {
            agent, traceId, count = labels.Count, positives = labels.Count(l => l.IsCorrection), labels = labels.Select(View),
        });
    }

    public static object View(CorrectionLabel l) => new
    {
        agent = l.Agent, traceId = l.TraceId, userTurn = l.UserTurn, isCorrection = l.IsCorrection, source = l.Source, origin = l.Origin,
        by = l.Actor, role = l.Role, at = l.LabelledAt, conversationId = l.ConversationId, spanId = l.SpanId, assistant = l.Assistant, user = l.User,
    };

    private static LabelRequest Parse(JsonObject? body)
    {
        const string shape = "body must be JSON {\"agent\": \"NAME\", \"traceId\": \"32 hex\", \"userTurn\": 0, \"isCorrection\": true}";
        if (body is null) throw new LabelRefusedException(400, shape);
        if (body["agent"] is not JsonValue av || !av.TryGetValue<string>(out var agent) || string.IsNullOrWhiteSpace(agent))
            throw new LabelRefusedException(400, "agent is required (the agent whose detector learns from this label); " + shape);
        if (agent.Trim().Length > MaxAgentLength) throw new LabelRefusedException(400, $"agent is longer than {MaxAgentLength} characters");
        if (body["traceId"] is not JsonValue tv || !tv.TryGetValue<string>(out var traceId) || !IsTraceId(traceId.ToLowerInvariant()))
            throw new LabelRefusedException(400, "traceId must be 32 hex characters");
        if (body["userTurn"] is not JsonValue uv || !uv.TryGetValue<int>(out var turn) || turn < 0)
            throw new LabelRefusedException(400, "userTurn must be a whole number ≥ 0 (the position of the user message among the conversation's user messages)");
        if (body["isCorrection"] is not JsonValue cv || !cv.TryGetValue<bool>(out var isCorrection))
            throw new LabelRefusedException(400, "isCorrection must be true or false");
        return new LabelRequest(agent.Trim(), traceId.ToLowerInvariant(), turn, isCorrection);
    }

    private static bool IsTraceId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigit);
}
