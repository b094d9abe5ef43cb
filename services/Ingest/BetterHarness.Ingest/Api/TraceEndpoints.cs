using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Ingest.Assembly;
using BetterHarness.Ingest.Domain.Harnesses;
using BetterHarness.Ingest.Retention;
using BetterHarness.Ingest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Ingest.Api;

/// <summary>
/// <c>GET /api/traces/{traceId}</c> (the normalised trace with its <c>signals</c>; 410 Gone once it aged out),
/// <c>GET /api/traces?signal=KIND&amp;service=NAME&amp;since=ISO-8601&amp;until=ISO-8601&amp;failed=true&amp;limit=N&amp;agent=A&amp;harnessVersion=V&amp;attribution=K</c> and
/// <c>GET /api/traces/stats</c> (open and completed traces: the evaluation backlog).
/// </summary>
public static class TraceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/traces/stats", (TraceQueries queries) =>
        {
            var (open, completed, spans) = queries.Counts();
            return Results.Json(new { openTraces = open, completedTraces = completed, spans });
        });
        app.MapGet("/api/traces/{traceId}", GetTrace);
        app.MapGet("/api/traces", ListTraces);
    }

    private static IResult GetTrace(string traceId, TraceStore store, RetentionStore retention, ILoggerFactory loggers)
    {
        traceId = traceId.ToLowerInvariant();
        if (traceId.Length != 32 || !traceId.All(char.IsAsciiHexDigit))
            return Results.BadRequest(new { error = "traceId must be 32 hex characters" });
        var row = store.Find(traceId);
        if (row is null)
            return retention.ExpiredAt(traceId) is { } expiredAt
                ? Results.Json(new { error = $"trace {traceId} aged out on {expiredAt:yyyy-MM-dd} (retention); what was derived from it (clusters, candidates, eval cases) keeps its own copy",
                    traceId, agedOut = true, expiredAt }, statusCode: StatusCodes.Status410Gone)
                : Results.NotFound(new { error = $"trace {traceId} is unknown" });
        // The model is derived from the stored spans (so an open trace can be inspected before it completes); the
        // signals are the stored evaluation's, the same the list endpoint and the digests show, not re-detected.
        var trace = SafeEvaluation.Normalize(traceId, store.LoadSpans(traceId), store.LoadFeedback(traceId),
            loggers.CreateLogger(typeof(TraceEndpoints))) with { Signals = store.LoadSignals(traceId) };
        var node = JsonSerializer.SerializeToNode(trace, IngestJson.Options)!.AsObject();
        node["state"] = row.State.ApiName();
        node["revision"] = row.Revision;
        // Attribution is part of the stored evaluation: null version and "unknown" until the trace completes.
        node["harnessVersion"] = row.Harness_version;
        node["harnessAttribution"] = row.Harness_attribution ?? HarnessAttribution.Unknown;
        if (row.Harness_similarity is { } similarity) node["harnessSimilarity"] = similarity;
        if (row.Completed_ms is { } ms) node["completedAt"] = DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("O");
        return Results.Text(node.ToJsonString(), "application/json");
    }

    private static IResult ListTraces(HttpContext context, TraceQueries queries)
    {
        var q = context.Request.Query;
        if (!TryTime(q["since"], out var since)) return Results.BadRequest(new { error = "since must be an ISO-8601 time, e.g. 2026-01-31T12:00:00Z" });
        if (!TryTime(q["until"], out var until)) return Results.BadRequest(new { error = "until must be an ISO-8601 time, e.g. 2026-01-31T12:00:00Z" });
        bool? failed = null;
        if (q["failed"].ToString() is { Length: > 0 } f)
        {
            if (!bool.TryParse(f, out var v)) return Results.BadRequest(new { error = "failed must be true or false" });
            failed = v;
        }
        var limit = 100;
        if (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > 10_000))
            return Results.BadRequest(new { error = "limit must be 1..10000" });
        var signal = q["signal"].ToString() is { Length: > 0 } k ? k : null;
        var service = q["service"].ToString() is { Length: > 0 } sv ? sv : null;
        int? harnessVersion = null;
        if (q["harnessVersion"].ToString() is { Length: > 0 } hv)
        {
            if (!int.TryParse(hv, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
                return Results.BadRequest(new { error = "harnessVersion must be a version number (1, 2, …)" });
            harnessVersion = n;
        }
        var attribution = q["attribution"].ToString() is { Length: > 0 } a ? a : null;
        if (attribution is not null && !HarnessAttribution.Kinds.Contains(attribution))
            return Results.BadRequest(new { error = "attribution must be attribute, content or unknown" });
        var agent = q["agent"].ToString() is { Length: > 0 } ag ? ag : null;
        var traces = queries.List(signal, since, failed, limit, service, until, new HarnessFilter(agent, harnessVersion, attribution));
        return Results.Json(new { traces, count = traces.Count }, IngestJson.Options);
    }

    private static bool TryTime(string? text, out long? unixMs)
    {
        unixMs = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var at)) return false;
        unixMs = at.ToUnixTimeMilliseconds();
        return true;
    }
}
