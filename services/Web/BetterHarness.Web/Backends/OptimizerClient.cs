using System.Text;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BetterHarness.Web.Backends;

/// <summary>The optimizer's optimisation API: runs, their reports and transcripts, review decisions.</summary>
public sealed class OptimizerClient(HttpClient http) : BackendClient(http, "optimizer")
{
    public async Task<OptimizationList> ListAsync(string? agent, CancellationToken ct) =>
        await GetAsync<OptimizationList>("api/optimizations?limit=200" + (agent is null ? "" : "&agent=" + Uri.EscapeDataString(agent)), ct)
        ?? new OptimizationList([], 0);

    public Task<OptimizationDetail?> GetAsync(string id, CancellationToken ct) =>
        GetAsync<OptimizationDetail>($"api/optimizations/{Uri.EscapeDataString(id)}", ct);

    public Task<JsonObject?> TranscriptAsync(string id, string transcriptId, CancellationToken ct) =>
        GetAsync<JsonObject>($"api/optimizations/{Uri.EscapeDataString(id)}/transcripts/{Uri.EscapeDataString(transcriptId)}", ct);

    public Task<WriteResult> StartAsync(string agent, int? maxIterations, int? trials, string? model, CancellationToken ct) =>
        PostAsync("api/optimizations", new JsonObject { ["agent"] = agent, ["maxIterations"] = maxIterations, ["trials"] = trials, ["model"] = model }, ct);

    /// <param name="confirmSimulated">The curator confirmed approving a version validated only with a simulated model.</param>
    public Task<WriteResult> ApproveAsync(string id, bool confirmSimulated, CancellationToken ct) =>
        PostAsync($"api/optimizations/{Uri.EscapeDataString(id)}/approve", new JsonObject { ["confirmSimulated"] = confirmSimulated }, ct);

    public Task<WriteResult> RejectAsync(string id, string reason, CancellationToken ct) =>
        PostAsync($"api/optimizations/{Uri.EscapeDataString(id)}/reject", new JsonObject { ["reason"] = reason }, ct);

    /// <summary>A refusal the user can act on (400, 403, 404, 409) comes back as a message; anything else is unavailability.</summary>
    private async Task<WriteResult> PostAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        }, ct);
        var code = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
            return new WriteResult(true, code, await response.Content.ReadFromJsonAsync<JsonObject>(ct), null);
        if (code is 400 or 403 or 404 or 409)
        {
            var error = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            return new WriteResult(false, code, error, (string?)error?["error"] ?? response.ReasonPhrase);
        }
        await EnsureSuccessAsync(response, ct);
        throw new InvalidOperationException("unreachable");
    }
}
