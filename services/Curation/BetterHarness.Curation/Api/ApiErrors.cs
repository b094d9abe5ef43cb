using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Storage;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Curation.Api;

/// <summary>
/// Turns the store's and the domain's errors into answers: bad input → 400, unknown id → 404, a request that does
/// not fit the item's state → 409, each with <c>{"error": "…"}</c> saying what was wrong.
/// </summary>
public sealed class ApiErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (CaseFormatException ex) { return Results.BadRequest(new { error = ex.Message }); }
        catch (UnknownIdException ex) { return Results.NotFound(new { error = ex.Message }); }
        catch (ReviewConflictException ex) { return Results.Conflict(new { error = ex.Message }); }
    }

    /// <summary>The request body as a JSON object; null when the body is empty. Throws <see cref="CaseFormatException"/> otherwise.</summary>
    public static async Task<JsonObject?> BodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return JsonNode.Parse(text) as JsonObject ?? throw new CaseFormatException("the body must be a JSON object"); }
        catch (JsonException ex) { throw new CaseFormatException($"the body is not valid JSON: {ex.Message}"); }
    }

    /// <summary>A required text field of at most <see cref="ServiceDefaults.Security.TextLimits.Reason"/> characters.</summary>
    public static string RequiredText(JsonObject? body, string field, string example)
    {
        var text = body?[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s.Trim()
            : throw new CaseFormatException($"'{field}' is required: {example}");
        return ServiceDefaults.Security.TextLimits.Check(field, text, ServiceDefaults.Security.TextLimits.Reason) is { } tooLong
            ? throw new CaseFormatException(tooLong) : text;
    }

    public static int Limit(HttpRequest request, int fallback, int max)
    {
        var text = request.Query["limit"].ToString();
        if (text.Length == 0) return fallback;
        return int.TryParse(text, out var limit) && limit >= 1 && limit <= max ? limit
            : throw new CaseFormatException($"limit must be 1..{max}");
    }

    public static string? Query(HttpRequest request, string key) => request.Query[key].ToString() is { Length: > 0 } v ? v : null;
}
