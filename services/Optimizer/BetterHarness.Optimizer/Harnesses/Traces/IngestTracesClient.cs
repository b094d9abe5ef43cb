using System.Net.Http.Json;
using System.Text.Json;

namespace BetterHarness.Optimizer.Harnesses.Traces;

/// <summary>
/// Typed client of ingest's trace API (<c>GET /api/traces</c>, <c>GET /api/traces/{id}</c>): the optimizer never reads
/// ingest's database. Base URL: <c>BetterHarness:Harnesses:IngestBaseUrl</c>, embedded default = this host's API endpoint.
/// </summary>
public sealed class IngestTracesClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<TraceListItem>> ListAsync(int limit, CancellationToken ct)
    {
        var page = await http.GetFromJsonAsync<TraceList>($"api/traces?limit={limit}", Json, ct);
        return page?.Traces ?? [];
    }

    public async Task<JsonElement?> GetAsync(string traceId, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/traces/{Uri.EscapeDataString(traceId)}", ct);
        // 410: the trace aged out (ingest's retention) since it was listed; like an unknown one, there is nothing to read.
        if (response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Gone) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
    }

    /// <summary><c>GET /api/harnesses/{agent}/production?since=</c>: per-version production figures since a time.</summary>
    public async Task<JsonElement> ProductionAsync(string agent, DateTimeOffset since, CancellationToken ct)
    {
        using var response = await http.GetAsync(
            $"api/harnesses/{Uri.EscapeDataString(agent)}/production?since={Uri.EscapeDataString(since.ToString("O"))}", ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
    }

    private sealed record TraceList(IReadOnlyList<TraceListItem> Traces);
}

public sealed record TraceListItem(string TraceId, string? ServiceName, string? AgentName);
