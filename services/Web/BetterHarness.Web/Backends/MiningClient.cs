namespace BetterHarness.Web.Backends;

/// <summary>Mining's API: candidate eval cases, correction labels and detectors.</summary>
public sealed class MiningClient(HttpClient http) : BackendClient(http, "mining")
{
    public async Task<CandidateList> ListAsync(string? tag, string? cluster, string? status, int limit, CancellationToken ct,
        string? trace = null)
    {
        var query = $"api/candidates?limit={limit}";
        if (tag is not null) query += "&tag=" + Uri.EscapeDataString(tag);
        if (cluster is not null) query += "&cluster=" + Uri.EscapeDataString(cluster);
        if (status is not null) query += "&status=" + Uri.EscapeDataString(status);
        if (trace is not null) query += "&trace=" + Uri.EscapeDataString(trace);
        return await GetAsync<CandidateList>(query, ct) ?? new CandidateList([], 0);
    }

    public Task<EvalCase?> GetAsync(string id, CancellationToken ct) =>
        GetAsync<EvalCase>("api/candidates/" + Uri.EscapeDataString(id), ct);

    /// <summary>Every correction label on one trace (all agents, people and the judge).</summary>
    public async Task<IReadOnlyList<CorrectionLabel>> TraceLabelsAsync(string traceId, CancellationToken ct) =>
        (await GetAsync<LabelList>("api/corrections/labels?traceId=" + Uri.EscapeDataString(traceId), ct))?.Labels ?? [];

    public Task<WriteResult> LabelAsync(string agent, string traceId, int userTurn, bool isCorrection, CancellationToken ct) =>
        PostJsonAsync("api/corrections/labels", new System.Text.Json.Nodes.JsonObject
        {
            ["agent"] = agent, ["traceId"] = traceId, ["userTurn"] = userTurn, ["isCorrection"] = isCorrection,
        }, ct);
}
