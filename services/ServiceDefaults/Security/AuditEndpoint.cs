using System.Data;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Serves a service's audit log — each service keeps its own, in its own database — as
/// <c>GET {path}?actor=&amp;action=&amp;subject=&amp;until=&amp;before=&amp;limit=</c> → <c>{entries: [...]}</c>, newest first. A service with
/// more than one database merges their logs by time. The web UI's <c>/audit</c> page merges every service's the same way,
/// paging by <c>until</c> (an ISO-8601 time, exclusive); <c>before</c> (an entry id) pages within one log only.
/// </summary>
public static class AuditEndpoint
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 10_000;

    /// <param name="logs">Opens a connection to each database whose <c>audit_log</c> this service serves.</param>
    public static RouteHandlerBuilder MapAuditLog(this IEndpointRouteBuilder app, string path, Func<IServiceProvider, IReadOnlyList<Func<IDbConnection>>> logs) =>
        app.MapGet(path, (HttpContext context) => List(context, logs(context.RequestServices))).RequireRole(Role.Viewer);

    private static IResult List(HttpContext context, IReadOnlyList<Func<IDbConnection>> logs)
    {
        var q = context.Request.Query;
        if (!TryLong(q["before"], out var before)) return Results.BadRequest(new { error = "before must be an audit entry id (a whole number)" });
        if (!TryLong(q["limit"], out var limit) || limit is < 1 or > MaxLimit)
            return Results.BadRequest(new { error = $"limit must be a whole number from 1 to {MaxLimit}" });
        DateTimeOffset? until = null;
        if (Text(q["until"]) is { } u)
        {
            if (!DateTimeOffset.TryParse(u, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                return Results.BadRequest(new { error = "until must be an ISO-8601 time, e.g. 2026-01-31T12:00:00Z" });
            until = at;
        }
        var take = (int)(limit ?? DefaultLimit);
        var entries = new List<AuditEntry>();
        foreach (var open in logs)
        {
            using var connection = open();
            entries.AddRange(AuditLog.List(connection, Text(q["actor"]), Text(q["action"]), Text(q["subject"]), before, take, until));
        }
        return Results.Json(new { entries = entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take) });
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryLong(string? value, out long? number)
    {
        number = null;
        if (Text(value) is not { } text) return true;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        number = n;
        return true;
    }
}
