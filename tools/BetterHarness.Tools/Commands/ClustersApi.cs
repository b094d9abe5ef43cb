using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Tools.Load;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// The calls the CLI makes to the trace and cluster API (<c>/api/traces/{id}</c>, <c>/api/clusters/…</c>),
/// turning "nothing listening" and "refused" into messages that say what to do.
/// </summary>
public sealed class ClustersApi(HttpClient api)
{
    public Uri BaseAddress => api.BaseAddress!;

    /// <summary>The normalised trace, or null while it is unknown.</summary>
    public async Task<JsonObject?> TraceAsync(string traceId, CancellationToken ct) =>
        await GetJsonAsync($"api/traces/{traceId}", ct) as JsonObject;

    /// <summary>(clusterId or null while unassigned, revision), or null while clustering has not received the trace.</summary>
    public async Task<(string? ClusterId, int Revision)?> AssignmentAsync(string traceId, CancellationToken ct) =>
        await GetJsonAsync($"api/clusters/assignments/{traceId}", ct) is JsonObject o
            ? ((string?)o["clusterId"], (int?)o["revision"] ?? 0)
            : null;

    /// <summary>False when this API does not serve clusters (the clustering service runs elsewhere).</summary>
    public async Task<bool> ServesClustersAsync(CancellationToken ct) => await GetJsonAsync("api/clusters/stats", ct) is not null;

    public async Task<JsonObject> ReclusterAsync(string? features, bool dryRun, CancellationToken ct)
    {
        var query = new List<string>();
        if (features is not null) query.Add("features=" + Uri.EscapeDataString(features));
        if (dryRun) query.Add("dryRun=true");
        using var response = await SendAsync(() => api.PostAsync("api/clusters/recluster" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), null, ct));
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new CommandFailedException($"Re-clustering failed ({(int)response.StatusCode}): {ServerMessage.FromJson(body)}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Streams <c>GET /api/clusters/assignments</c> (JSON lines), calling <paramref name="onLine"/> per line.</summary>
    public async Task<Dictionary<string, string>> AssignmentsAsync(Action<int>? progress, CancellationToken ct)
    {
        using var response = await SendAsync(() => api.GetAsync("api/clusters/assignments", HttpCompletionOption.ResponseHeadersRead, ct));
        if (!response.IsSuccessStatusCode) throw Refused(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            result[doc.RootElement.GetProperty("traceId").GetString()!] = doc.RootElement.GetProperty("clusterId").GetString()!;
            if (result.Count % 1000 == 0) progress?.Invoke(result.Count);
        }
        progress?.Invoke(result.Count);
        return result;
    }

    public async Task<JsonNode?> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(() => api.GetAsync(path, ct));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw Refused(response.StatusCode, body);
        return JsonNode.Parse(body);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException ex) when (ConnectionFailure.IsUnreachable(ex))
        {
            throw ConnectionFailure.Unreachable("API", api.BaseAddress!.ToString(), "--api");
        }
    }

    private CommandFailedException Refused(HttpStatusCode status, string body) => status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        ? new CommandFailedException($"The API at {api.BaseAddress} refused the request ({(int)status}): {ServerMessage.FromJson(body)}. Pass --api-key.")
        : new CommandFailedException($"The API at {api.BaseAddress} answered {(int)status}: {ServerMessage.FromJson(body)}");

    public static async Task PostFeedbackAsync(HttpClient otlp, string traceId, CancellationToken ct)
    {
        // No comment: its text would enter every marked trace's signature and pull them together.
        using var response = await otlp.PostAsJsonAsync("v1/feedback", new { traceId, score = 0, label = "thumbs_down" }, ct);
        if (!response.IsSuccessStatusCode)
            throw new CommandFailedException($"Feedback on {traceId} was refused ({(int)response.StatusCode}): " +
                                             ServerMessage.FromJson(await response.Content.ReadAsStringAsync(ct)));
    }
}
