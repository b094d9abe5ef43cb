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

    /// <summary>Agents with correction labels.</summary>
    public async Task<IReadOnlyList<DetectorAgent>> DetectorAgentsAsync(CancellationToken ct) =>
        (await GetAsync<DetectorAgentList>("api/corrections/detectors", ct))?.Agents ?? [];

    public Task<DetectorState?> DetectorAsync(string agent, CancellationToken ct) =>
        GetAsync<DetectorState>("api/corrections/detector?agent=" + Uri.EscapeDataString(agent), ct);

    /// <summary>An agent's labels (people's and the judge's).</summary>
    public async Task<IReadOnlyList<CorrectionLabel>> AgentLabelsAsync(string agent, CancellationToken ct) =>
        (await GetAsync<LabelList>("api/corrections/labels?agent=" + Uri.EscapeDataString(agent), ct))?.Labels ?? [];

    /// <summary>Pins a version (0 = shipped; an older one rolls back). Admin.</summary>
    public Task<WriteResult> PinDetectorAsync(string agent, int version, CancellationToken ct) =>
        PostJsonAsync($"api/corrections/detector/pin?agent={Uri.EscapeDataString(agent)}&version={version}", [], ct);

    /// <summary>A training pass now. Admin.</summary>
    public Task<WriteResult> RetrainDetectorAsync(string agent, CancellationToken ct) =>
        PostJsonAsync($"api/corrections/detector/retrain?agent={Uri.EscapeDataString(agent)}", [], ct);

    /// <summary>Unpins: the next training pass decides again. Admin.</summary>
    public async Task<WriteResult> UnpinDetectorAsync(string agent, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/corrections/detector/pin?agent={Uri.EscapeDataString(agent)}"), ct);
        var code = (int)response.StatusCode;
        if (response.IsSuccessStatusCode) return new WriteResult(true, code, null, null);
        if (code is 400 or 403 or 404) return new WriteResult(false, code, null, await response.Content.ReadAsStringAsync(ct));
        await EnsureSuccessAsync(response, ct);
        return new WriteResult(false, code, null, response.ReasonPhrase);
    }
}
