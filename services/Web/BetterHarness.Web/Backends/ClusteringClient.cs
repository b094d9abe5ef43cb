namespace BetterHarness.Web.Backends;

/// <summary>Clustering's API: current clusters and one cluster with members, trend and history.</summary>
public sealed class ClusteringClient(HttpClient http) : BackendClient(http, "clustering")
{
    public async Task<ClusterList> ListAsync(int limit, CancellationToken ct) =>
        await GetAsync<ClusterList>($"api/clusters?limit={limit}", ct) ?? new ClusterList([], 0, 0, 0);

    public Task<ClusterDetail?> GetAsync(string id, int members, CancellationToken ct) =>
        GetAsync<ClusterDetail>($"api/clusters/{Uri.EscapeDataString(id)}?members={members}", ct);
}
