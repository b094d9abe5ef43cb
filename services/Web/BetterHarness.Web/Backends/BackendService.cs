namespace BetterHarness.Web.Backends;

/// <summary>A backend service the web front door talks to, and the API paths it owns.</summary>
public sealed record BackendService(string Name, IReadOnlyList<string> PathPrefixes)
{
    /// <summary>
    /// Every service behind the front door. The typed clients reach each by name; in distributed mode the
    /// <c>/api/*</c> gateway forwards each prefix to its owner. A new service adds one line here.
    /// </summary>
    public static readonly IReadOnlyList<BackendService> All =
    [
        // Production figures live with the traces they count; routing prefers this more specific path to the optimizer's /api/harnesses.
        new("ingest", ["/api/traces", "/api/harnesses/{agent}/production"]),
        new("clustering", ["/api/clusters"]),
        new("mining", ["/api/candidates", "/api/corrections", "/api/mining"]),
        new("curation", ["/api/review", "/api/evals", "/api/audit"]),
        new("optimizer", ["/api/optimizations", "/api/harnesses", "/api/harness", "/api/evalruns"]),
    ];
}
