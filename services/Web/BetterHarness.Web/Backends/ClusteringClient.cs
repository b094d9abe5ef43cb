namespace BetterHarness.Web.Backends;

/// <summary>Clustering's API: current clusters, one cluster with members, trend and history, and one trace's assignment.</summary>
public sealed class ClusteringClient(HttpClient http) : BackendClient(http, "clustering")
{
    public async Task<ClusterList> ListAsync(int limit, CancellationToken ct) =>
        await GetAsync<ClusterList>($"api/clusters?limit={limit}", ct) ?? new ClusterList([], 0, 0, 0);

    public Task<ClusterDetail?> GetAsync(string id, int members, CancellationToken ct) =>
        GetAsync<ClusterDetail>($"api/clusters/{Uri.EscapeDataString(id)}?members={members}", ct);

    /// <summary>The trace's cluster and analyst statement; null when the trace never reached clustering (not failed).</summary>
    public Task<TraceAssignment?> AssignmentAsync(string traceId, CancellationToken ct) =>
        GetAsync<TraceAssignment>($"api/clusters/assignments/{Uri.EscapeDataString(traceId)}", ct);
}
