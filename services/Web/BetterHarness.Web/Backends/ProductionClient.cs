namespace BetterHarness.Web.Backends;

/// <summary>Ingest's production figures per harness version (the traces and their attribution live there).</summary>
public sealed class ProductionClient(HttpClient http) : BackendClient(http, "ingest")
{
    public Task<ProductionFigures?> FiguresAsync(string agent, CancellationToken ct) =>
        GetAsync<ProductionFigures>($"api/harnesses/{Uri.EscapeDataString(agent)}/production", ct);

    public Task<ProductionComparison?> CompareAsync(string agent, int a, int b, CancellationToken ct) =>
        GetAsync<ProductionComparison>($"api/harnesses/{Uri.EscapeDataString(agent)}/production/compare?a={a}&b={b}", ct);

    public Task<ClusterVersions?> ClusterVersionsAsync(string clusterId, CancellationToken ct) =>
        GetAsync<ClusterVersions>($"api/traces/clusters/{Uri.EscapeDataString(clusterId)}/versions", ct);
}
