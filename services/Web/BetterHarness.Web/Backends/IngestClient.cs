namespace BetterHarness.Web.Backends;

/// <summary>Ingest's API: traces, one trace, counts.</summary>
public sealed class IngestClient(HttpClient http) : BackendClient(http, "ingest")
{
    public async Task<TraceList> ListAsync(TraceQuery query, CancellationToken ct) =>
        await GetAsync<TraceList>("api/traces" + query.ToQueryString(), ct) ?? new TraceList([], 0);

    public Task<TraceDetail?> GetAsync(string traceId, CancellationToken ct) =>
        GetAsync<TraceDetail>("api/traces/" + Uri.EscapeDataString(traceId), ct);

    public async Task<TraceStats> StatsAsync(CancellationToken ct) =>
        await GetAsync<TraceStats>("api/traces/stats", ct) ?? new TraceStats(0, 0, 0);
}

/// <summary>The filters of <c>GET /api/traces</c>.</summary>
public sealed record TraceQuery(
    string? Signal = null, string? Service = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null,
    bool? Failed = null, int Limit = 50, string? Agent = null, int? HarnessVersion = null, string? Attribution = null)
{
    public string ToQueryString()
    {
        var parts = new List<string> { "limit=" + Limit };
        if (Signal is not null) parts.Add("signal=" + Uri.EscapeDataString(Signal));
        if (Service is not null) parts.Add("service=" + Uri.EscapeDataString(Service));
        if (Since is { } s) parts.Add("since=" + Uri.EscapeDataString(s.ToString("O")));
        if (Until is { } u) parts.Add("until=" + Uri.EscapeDataString(u.ToString("O")));
        if (Failed is { } f) parts.Add("failed=" + (f ? "true" : "false"));
        if (Agent is not null) parts.Add("agent=" + Uri.EscapeDataString(Agent));
        if (HarnessVersion is { } v) parts.Add("harnessVersion=" + v);
        if (Attribution is not null) parts.Add("attribution=" + Uri.EscapeDataString(Attribution));
        return "?" + string.Join('&', parts);
    }
}
