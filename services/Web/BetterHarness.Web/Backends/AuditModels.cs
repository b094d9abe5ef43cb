using Microsoft.AspNetCore.WebUtilities;

namespace BetterHarness.Web.Backends;

// The shape of every service's audit log endpoint (GET /api/audit, /api/harness/audit, /api/mining/audit, /api/clusters/audit).

public sealed record AuditList(IReadOnlyList<AuditEntry> Entries);

/// <param name="Service">The service whose log holds the entry (set by the web UI, not sent by the service).</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Role, string Action, string Subject, string? Detail,
    string? Service = null);

/// <summary>The filters of the audit page; <see cref="Until"/> (exclusive) pages back in time across every service's log.</summary>
public sealed record AuditFilter(string? Actor, string? Action, string? Subject, DateTimeOffset? Until, int Limit)
{
    public string Query(string path) => QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
    {
        ["limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), ["actor"] = Actor, ["action"] = Action,
        ["subject"] = Subject, ["until"] = Until?.ToUniversalTime().ToString("O"),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
