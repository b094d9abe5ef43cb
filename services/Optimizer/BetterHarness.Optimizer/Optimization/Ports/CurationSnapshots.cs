using System.Net;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Optimizer.Optimization.Ports;

/// <summary>
/// Reads snapshots from the curation service's API (<c>GET /api/evals/snapshots?agent=</c>,
/// <c>GET /api/evals/snapshots/{id}/export</c>), never its database.
/// </summary>
public sealed class CurationSnapshots(IHttpClientFactory factory) : IEvalSnapshots
{
    public const string HttpClientName = "optimizer-curation";

    public async Task<EvalSnapshot> LoadAsync(string agent, string? snapshotId, CancellationToken cancellationToken)
    {
        var http = factory.CreateClient(HttpClientName);
        var id = snapshotId ?? await LatestAsync(http, agent, cancellationToken)
            ?? throw new SnapshotNotFoundException($"agent '{agent}' has no eval snapshot yet: accept or import eval cases in curation first");
        using var response = await http.GetAsync($"api/evals/snapshots/{Uri.EscapeDataString(id)}/export", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) throw new SnapshotNotFoundException($"eval snapshot '{id}' is unknown to curation");
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var lines = EvalCaseJson.ReadLines(reader);
        if (lines.Errors.Count > 0)
            throw new InvalidDataException($"snapshot {id} has {lines.Errors.Count} unreadable case(s), first on line {lines.Errors[0].Line}: {lines.Errors[0].Message}");
        var cases = lines.Cases.Where(c => c.Agent is null || c.Agent == agent).ToList();
        return new EvalSnapshot(id, cases);
    }

    private static async Task<string?> LatestAsync(HttpClient http, string agent, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"api/evals/snapshots?agent={Uri.EscapeDataString(agent)}&limit=1", cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body?["snapshots"]?.AsArray().FirstOrDefault()?["id"]?.GetValue<string>();
    }

    /// <summary>Base address and key: <see cref="OptimizationOptions.CurationUrl"/>, else this process's API listener.</summary>
    public static void Configure(HttpClient http, OptimizationOptions options, HostingOptions hosting, ServiceCredentials credentials)
    {
        http.BaseAddress = options.CurationUrl is { Length: > 0 } url ? new Uri(url.EndsWith('/') ? url : url + "/") : OwnApi(hosting);
        http.Timeout = TimeSpan.FromMinutes(5);
        if (credentials.KeyFor(http.BaseAddress, options.CurationApiKey) is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    private static Uri OwnApi(HostingOptions hosting) => ListenAddress.Parse(hosting.ApiEndpoint, "BetterHarness:ApiEndpoint").ReachableUrl;
}
