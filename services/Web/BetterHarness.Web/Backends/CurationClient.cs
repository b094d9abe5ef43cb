using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace BetterHarness.Web.Backends;

/// <summary>Curation's API: the review queue, the eval store, snapshots and the audit log.</summary>
public sealed class CurationClient(HttpClient http) : BackendClient(http, "curation")
{
    public async Task<ReviewList> ReviewAsync(ReviewQuery query, CancellationToken ct) =>
        await GetAsync<ReviewList>("api/review" + query.ToQueryString(), ct) ?? new ReviewList([], 0, new Dictionary<string, int>());

    public Task<ReviewDetail?> ReviewItemAsync(string candidateId, CancellationToken ct) =>
        GetAsync<ReviewDetail>("api/review/" + Uri.EscapeDataString(candidateId), ct);

    public Task<WriteResult> AcceptAsync(string candidateId, JsonObject edits, CancellationToken ct) =>
        PostAsync($"api/review/{Uri.EscapeDataString(candidateId)}/accept", edits, ct);

    /// <param name="verdict">What the rejection says about the correction: <c>not_a_correction</c>, <c>correct_but_not_useful</c> or <c>other</c>.</param>
    public Task<WriteResult> RejectAsync(string candidateId, string? reason, string verdict, CancellationToken ct)
    {
        var body = new JsonObject { ["verdict"] = verdict };
        if (!string.IsNullOrWhiteSpace(reason)) body["reason"] = reason;
        return PostAsync($"api/review/{Uri.EscapeDataString(candidateId)}/reject", body, ct);
    }

    public Task<WriteResult> SkipAsync(string candidateId, CancellationToken ct) =>
        PostAsync($"api/review/{Uri.EscapeDataString(candidateId)}/skip", new JsonObject(), ct);

    public Task<WriteResult> BulkAsync(string action, IReadOnlyList<string> candidateIds, string? reason, CancellationToken ct)
    {
        var body = new JsonObject { ["action"] = action, ["candidateIds"] = new JsonArray(candidateIds.Select(id => (JsonNode)id).ToArray()) };
        if (reason is not null) body["reason"] = reason;
        return PostAsync("api/review/bulk", body, ct);
    }

    public async Task<EvalList> EvalsAsync(EvalQuery query, CancellationToken ct) =>
        await GetAsync<EvalList>("api/evals" + query.ToQueryString(), ct) ?? new EvalList([], 0);

    public Task<JsonObject?> EvalAsync(string id, int? revision, CancellationToken ct) =>
        GetAsync<JsonObject>($"api/evals/{Uri.EscapeDataString(id)}" + (revision is { } r ? $"?revision={r}" : ""), ct);

    public Task<CaseHistory?> HistoryAsync(string id, CancellationToken ct) =>
        GetAsync<CaseHistory>($"api/evals/{Uri.EscapeDataString(id)}/history", ct);

    public Task<CaseDiff?> DiffAsync(string id, int? from, int? to, CancellationToken ct)
    {
        var query = new List<string>();
        if (from is { } f) query.Add("from=" + f);
        if (to is { } t) query.Add("to=" + t);
        return GetAsync<CaseDiff>($"api/evals/{Uri.EscapeDataString(id)}/diff" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), ct);
    }

    public Task<WriteResult> EditEvalAsync(string id, JsonObject edits, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Patch, $"api/evals/{Uri.EscapeDataString(id)}", edits, ct);

    public Task<WriteResult> RetireAsync(string id, string reason, CancellationToken ct) =>
        PostAsync($"api/evals/{Uri.EscapeDataString(id)}/retire", new JsonObject { ["reason"] = reason }, ct);

    public async Task<Composition> CompositionAsync(string? agent, CancellationToken ct) =>
        await GetAsync<Composition>("api/evals/composition" + (agent is null ? "" : "?agent=" + Uri.EscapeDataString(agent)), ct)
        ?? new Composition([], new CompositionTotals(0, 0, 0, 0));

    public async Task<SnapshotList> SnapshotsAsync(string? agent, int limit, CancellationToken ct) =>
        await GetAsync<SnapshotList>($"api/evals/snapshots?limit={limit}" + (agent is null ? "" : "&agent=" + Uri.EscapeDataString(agent)), ct)
        ?? new SnapshotList([]);

    /// <summary>JSON lines of a snapshot (or of the active set when <paramref name="snapshotId"/> is null), streamed.</summary>
    public async Task<HttpResponseMessage?> ExportAsync(string? snapshotId, CancellationToken ct)
    {
        var path = snapshotId is null ? "api/evals/export" : $"api/evals/snapshots/{Uri.EscapeDataString(snapshotId)}/export";
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, ct);
        return response;
    }

    public async Task<WriteResult> ImportAsync(Stream jsonLines, string? agent, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/evals/import" + (agent is null ? "" : "?agent=" + Uri.EscapeDataString(agent)))
        {
            Content = new StreamContent(jsonLines) { Headers = { ContentType = new("application/x-ndjson") } },
        };
        return await WriteAsync(request, ct);
    }

    private Task<WriteResult> PostAsync(string path, JsonObject body, CancellationToken ct) => SendJsonAsync(HttpMethod.Post, path, body, ct);

    private Task<WriteResult> SendJsonAsync(HttpMethod method, string path, JsonObject body, CancellationToken ct) =>
        WriteAsync(new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        }, ct);

    /// <summary>A refusal the user can act on (400, 403, 404, 409) comes back as a message; anything else is unavailability.</summary>
    private async Task<WriteResult> WriteAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await SendAsync(request, ct);
        var code = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            return new WriteResult(true, code, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject, null);
        }
        if (code is 400 or 403 or 404 or 409 or 422)
        {
            var error = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            return new WriteResult(false, code, error, (string?)error?["error"] ?? response.ReasonPhrase);
        }
        await EnsureSuccessAsync(response, ct);
        return new WriteResult(false, code, null, response.ReasonPhrase);
    }
}

/// <summary>The filters of <c>GET /api/review</c>.</summary>
/// <param name="Order"><c>oldest</c> (default) or <c>uncertain</c>: detector scores nearest <paramref name="Threshold"/> first.</param>
public sealed record ReviewQuery(string? Status = null, string? Tag = null, string? Cluster = null, string? Agent = null,
    int? MinSupport = null, int Limit = 100, string? Order = null, double? Threshold = null)
{
    public string ToQueryString()
    {
        var parts = new List<string> { "limit=" + Limit };
        if (Status is not null) parts.Add("status=" + Uri.EscapeDataString(Status));
        if (Tag is not null) parts.Add("tag=" + Uri.EscapeDataString(Tag));
        if (Cluster is not null) parts.Add("cluster=" + Uri.EscapeDataString(Cluster));
        if (Agent is not null) parts.Add("agent=" + Uri.EscapeDataString(Agent));
        if (MinSupport is { } m) parts.Add("minSupport=" + m);
        if (Order is not null) parts.Add("order=" + Uri.EscapeDataString(Order));
        if (Threshold is { } t) parts.Add("threshold=" + t.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
        return "?" + string.Join('&', parts);
    }
}

/// <summary>The filters of <c>GET /api/evals</c>.</summary>
public sealed record EvalQuery(string? Agent = null, string? Category = null, string? Split = null, bool? MustPass = null,
    string? Status = null, string? Tag = null, int Limit = 200)
{
    public string ToQueryString()
    {
        var parts = new List<string> { "limit=" + Limit };
        if (Agent is not null) parts.Add("agent=" + Uri.EscapeDataString(Agent));
        if (Category is not null) parts.Add("category=" + Uri.EscapeDataString(Category));
        if (Split is not null) parts.Add("split=" + Uri.EscapeDataString(Split));
        if (MustPass is { } m) parts.Add("mustPass=" + (m ? "true" : "false"));
        if (Status is not null) parts.Add("status=" + Uri.EscapeDataString(Status));
        if (Tag is not null) parts.Add("tag=" + Uri.EscapeDataString(Tag));
        return "?" + string.Join('&', parts);
    }
}
