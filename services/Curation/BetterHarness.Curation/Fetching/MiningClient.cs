using System.Net;
using System.Text.Json.Nodes;

namespace BetterHarness.Curation.Fetching;

/// <summary>
/// Reads candidates from the mining service's API (<c>GET /api/candidates/{id}</c>), never its database. A named
/// HttpClient from the factory (so a singleton never pins one handler): base address and key from
/// <see cref="CurationOptions"/>, transient failures (connection refused, 5xx, 429 with Retry-After) retried by the
/// standard resilience handler registered with it.
/// </summary>
public sealed class MiningClient(IHttpClientFactory factory)
{
    public const string HttpClientName = "mining";

    /// <summary>The candidate, or null when mining does not have it (404).</summary>
    public async Task<JsonObject?> GetCandidateAsync(string candidateId, CancellationToken ct)
    {
        var http = factory.CreateClient(HttpClientName);
        using var response = await http.GetAsync($"api/candidates/{Uri.EscapeDataString(candidateId)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync(ct);
        return JsonNode.Parse(body) as JsonObject
            ?? throw new InvalidDataException($"mining answered GET /api/candidates/{candidateId} with something other than a JSON object");
    }
}
