namespace BetterHarness.Web.Backends;

/// <summary>Mining's API: candidate eval cases.</summary>
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
}
