using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Verdicts;
using BetterHarness.Curation.Review;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Curation.Api;

/// <summary>
/// The review queue: <c>GET /api/review</c>, <c>GET /api/review/{candidateId}</c>, and for curators
/// <c>POST /api/review/{id}/accept|reject|skip|lease</c>, <c>DELETE /api/review/{id}/lease</c>,
/// <c>POST /api/review/next</c>, <c>POST /api/review/bulk</c>.
/// </summary>
public static class ReviewEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/review").AddEndpointFilter<ApiErrors>();
        group.MapGet("", List).RequireRole(Role.Viewer);
        group.MapGet("/{candidateId}", Get).RequireRole(Role.Viewer);
        const string queue = "queue bookkeeping (who looks at what; leases expire on their own): no decision is made";
        group.MapPost("/next", Next).WritesUnaudited(Role.Curator, queue);
        group.MapPost("/bulk", Bulk).Writes(Role.Curator, "accept|accept-vote|auto-accept|bulk-accept|reject");
        group.MapPost("/{candidateId}/accept", Accept).Writes(Role.Curator, "accept|accept-vote|auto-accept");
        group.MapPost("/{candidateId}/reject", Reject).Writes(Role.Curator, "reject");
        group.MapPost("/{candidateId}/skip", Skip).WritesUnaudited(Role.Curator, queue);
        group.MapPost("/{candidateId}/lease", TakeLease).WritesUnaudited(Role.Curator, queue);
        group.MapDelete("/{candidateId}/lease", ReleaseLease).WritesUnaudited(Role.Curator, queue);
    }

    private static IResult List(HttpRequest request, QueueQueries queries)
    {
        var status = ApiErrors.Query(request, "status") ?? QueueStatuses.Pending;
        if (status != "all" && !QueueStatuses.All.Contains(status))
            throw new CaseFormatException($"status must be {string.Join(", ", QueueStatuses.All)} or all");
        int? minSupport = ApiErrors.Query(request, "minSupport") is { } m
            ? int.TryParse(m, out var n) && n >= 0 ? n : throw new CaseFormatException("minSupport must be a whole number ≥ 0") : null;
        var order = ApiErrors.Query(request, "order") ?? QueueOrders.Oldest;
        if (!QueueOrders.All.Contains(order)) throw new CaseFormatException($"order must be {string.Join(" or ", QueueOrders.All)}");
        var threshold = ApiErrors.Query(request, "threshold") is { } t
            ? double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 1
                ? d : throw new CaseFormatException("threshold must be a number from 0 to 1")
            : 0.5;
        var items = queries.List(new QueueFilter(status == "all" ? null : status, ApiErrors.Query(request, "tag"),
            ApiErrors.Query(request, "cluster"), ApiErrors.Query(request, "agent"), minSupport, ApiErrors.Limit(request, 100, 10_000), order, threshold));
        return Results.Json(new { items, count = items.Count, counts = queries.Counts() });
    }

    private static IResult Get(string candidateId, QueueQueries queries) => queries.Get(candidateId) is { } detail
        ? Results.Json(Detail(detail))
        : Results.NotFound(new { error = $"candidate {candidateId} is not in the review queue" });

    private static IResult Next(HttpContext context, ReviewLeases leases, QueueQueries queries)
    {
        var next = leases.Next(context.RequiredActor(), ApiErrors.Query(context.Request, "tag"), ApiErrors.Query(context.Request, "cluster"));
        return next is { } n ? Results.Json(Detail(queries.Get(n.CandidateId)!)) : Results.NoContent();
    }

    private static async Task<IResult> Accept(string candidateId, HttpContext context, ReviewDecisions decisions)
    {
        var edits = CaseEdits.Parse(await ApiErrors.BodyAsync(context.Request));
        var result = decisions.Accept(context.RequiredActor(), [new AcceptItem(candidateId, edits)]);
        var outcome = result.Accepted[0];
        return Results.Json(new
        {
            caseId = outcome.CaseId, revision = outcome.Revision, snapshotId = outcome.CaseId is null ? null : result.SnapshotId,
            status = outcome.Status, accepts = outcome.Accepts, requiredAccepts = outcome.RequiredAccepts,
        });
    }

    private static async Task<IResult> Reject(string candidateId, HttpContext context, ReviewDecisions decisions)
    {
        var body = await ApiErrors.BodyAsync(context.Request);
        var (reason, verdict) = RejectReason(body, "{\"reason\": \"why this is not a good case\", \"verdict\": \"not_a_correction|correct_but_not_useful|other\"}");
        decisions.Reject(context.RequiredActor(), [candidateId], reason, verdict);
        return Results.Json(new { candidateId, status = QueueStatuses.Rejected, reason, verdict });
    }

    private static async Task<IResult> Bulk(HttpContext context, ReviewDecisions decisions)
    {
        var body = await ApiErrors.BodyAsync(context.Request);
        var action = ApiErrors.RequiredText(body, "action", "\"accept\" or \"reject\"");
        if (body!["candidateIds"] is not JsonArray array || array.Count == 0
            || array.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length == 0))
            throw new CaseFormatException("candidateIds must be a non-empty array of candidate ids");
        if (array.Count > MaxBulkIds) throw new CaseFormatException($"candidateIds holds {array.Count:N0} ids; the limit is {MaxBulkIds:N0} per request");
        var ids = array.Select(i => i!.GetValue<string>()).Distinct().ToList();
        DecisionResult result;
        switch (action)
        {
            case "accept":
                var edits = CaseEdits.Parse(body["edits"] as JsonObject);
                result = decisions.Accept(context.RequiredActor(), ids.Select(id => new AcceptItem(id, edits)).ToList(), action: "bulk-accept");
                break;
            case "reject":
                var (reason, verdict) = RejectReason(body, "{\"action\": \"reject\", \"candidateIds\": [...], \"reason\": \"…\", \"verdict\": \"other\"}");
                result = decisions.Reject(context.RequiredActor(), ids, reason, verdict);
                break;
            default:
                throw new CaseFormatException($"action '{action}' must be accept or reject");
        }
        return Results.Json(new
        {
            action, snapshotId = result.SnapshotId,
            snapshots = result.Snapshots.Values.Select(s => new { agent = s.Agent, snapshotId = s.Id, caseCount = s.CaseCount }),
            accepted = result.Accepted.Select(a => new { candidateId = a.CandidateId, status = a.Status, caseId = a.CaseId, revision = a.Revision }),
            rejected = result.Rejected,
        });
    }

    /// <summary>
    /// A rejection's reason and its verdict on the correction (<see cref="RejectVerdicts"/>, default <c>other</c>); a verdict
    /// other than <c>other</c> may stand without a reason (it becomes the reason).
    /// </summary>
    private static (string Reason, string Verdict) RejectReason(JsonObject? body, string example)
    {
        var verdict = body?["verdict"] is null ? RejectVerdicts.Other
            : body["verdict"] is JsonValue v && v.TryGetValue<string>(out var s) && RejectVerdicts.All.Contains(s) ? s
            : throw new CaseFormatException($"verdict must be {string.Join(", ", RejectVerdicts.All)}");
        var hasReason = body?["reason"] is JsonValue r && r.TryGetValue<string>(out var text) && text.Trim().Length > 0;
        var reason = hasReason || verdict == RejectVerdicts.Other ? ApiErrors.RequiredText(body, "reason", example) : RejectVerdicts.DefaultReason(verdict);
        return (reason, verdict);
    }

    /// <summary>Most candidates one bulk decision covers.</summary>
    public const int MaxBulkIds = 1_000;

    private static IResult Skip(string candidateId, HttpContext context, ReviewLeases leases)
    {
        leases.Skip(context.RequiredActor(), candidateId);
        return Results.Json(new { candidateId, skipped = true });
    }

    private static IResult TakeLease(string candidateId, HttpContext context, ReviewLeases leases)
    {
        var lease = leases.Take(context.RequiredActor(), candidateId);
        return Results.Json(new { candidateId, leasedBy = lease.Holder, expiresAt = lease.ExpiresAt });
    }

    private static IResult ReleaseLease(string candidateId, HttpContext context, ReviewLeases leases)
    {
        leases.Release(context.RequiredActor(), candidateId);
        return Results.NoContent();
    }

    private static object Detail(QueueItemDetail d) => new
    {
        d.Item.CandidateId, d.Item.Status, d.Item.Summary, d.Item.Tags, d.Item.Category, d.Item.ClusterId, d.Item.SupportCount, d.Item.Oracle, d.Item.Agent,
        d.Item.DetectorScore, d.Item.Fetched, d.Item.LeasedBy, d.Item.LeaseExpiresAt, d.Item.CaseId, d.Item.Reason, d.Item.SupersededBy,
        d.Item.DecidedBy, d.Item.ProposedAt, d.Item.UpdatedAt, d.Item.RevisesCaseId, candidate = d.Candidate, acceptedBy = d.AcceptedBy, skippedBy = d.SkippedBy,
    };
}
