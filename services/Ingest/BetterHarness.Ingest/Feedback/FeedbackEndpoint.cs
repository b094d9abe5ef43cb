using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BetterHarness.Ingest.Storage;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Ingest.Feedback;

/// <summary>
/// <c>POST /v1/feedback</c>: user feedback on a trace, possibly long after it completed. The trace is
/// re-evaluated (next revision) so negative feedback or a correction flags it downstream. The body limit holds
/// whatever the framing: a declared length over it is refused before reading, and a chunked body is counted as it
/// is read and refused the moment it crosses the limit (nothing is stored).
/// </summary>
public static class FeedbackEndpoint
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext context, FeedbackStore store)
    {
        if (context.Request.ContentLength > MaxBodyBytes) return TooLarge(context);
        FeedbackRequest? body;
        try
        {
            var bytes = await ReadLimitedAsync(context.Request.Body, context.RequestAborted);
            if (bytes is null) return TooLarge(context);
            body = JsonSerializer.Deserialize<FeedbackRequest>(bytes.AsSpan(), IngestJson.Options);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest(new { error = "feedback body is not valid JSON: " + ex.Message });
        }
        if (Validate(body) is { } problem) return Results.BadRequest(new { error = problem });
        var traceId = body!.TraceId!.ToLowerInvariant();
        var id = body.Id ?? ContentId(body);
        var result = store.Add(id, traceId, body.SpanId?.ToLowerInvariant(), body.Score, body.Label, body.Comment,
            body.Correction, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return result switch
        {
            FeedbackResult.UnknownTrace => Results.NotFound(new { error = $"trace {traceId} is unknown: send its spans before feedback on it" }),
            FeedbackResult.IdConflict => Results.Conflict(new { error = $"feedback id '{id}' was already used for another trace; use a new id" }),
            _ => Results.Accepted($"/api/traces/{traceId}", new { feedbackId = id, traceId }),
        };
    }

    /// <summary>
    /// 413, and the connection closes after it: the rest of the body is never read, so the client must not reuse
    /// the connection for its next request (it would be written behind unread bytes and reset).
    /// </summary>
    private static IResult TooLarge(HttpContext context)
    {
        context.Response.Headers.Connection = "close";
        return Results.Json(new { error = $"feedback body exceeds {MaxBodyBytes} bytes" }, statusCode: 413);
    }

    /// <summary>The whole body, or null as soon as it is longer than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string? Validate(FeedbackRequest? body)
    {
        if (body is null) return "feedback body is empty";
        if (!IsHex(body.TraceId, 32)) return "traceId must be 32 hex characters";
        if (body.SpanId is not null && !IsHex(body.SpanId, 16)) return "spanId must be 16 hex characters";
        if (body.Score is null && body.Label is null && body.Comment is null && body.Correction is null)
            return "give at least one of score, label, comment, correction";
        if (body.Score is { } s && !double.IsFinite(s)) return "score must be a finite number";
        return null;
    }

    private static bool IsHex(string? value, int length) =>
        value is not null && value.Length == length && value.All(char.IsAsciiHexDigit);

    private static string ContentId(FeedbackRequest body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body with { Id = null }))))[..32];
}
