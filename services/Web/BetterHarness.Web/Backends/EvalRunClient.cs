using System.Text.Json.Nodes;

namespace BetterHarness.Web.Backends;

/// <summary>
/// The optimizer's harness and eval-run API: agents and harness versions (with diffs), making a version current,
/// eval runs (start, list, report, transcripts), comparisons, and the configured models.
/// </summary>
public sealed class EvalRunClient(HttpClient http) : BackendClient(http, "optimizer")
{
    public async Task<RolloutList> RolloutsAsync(string agent, CancellationToken ct) =>
        await GetAsync<RolloutList>($"api/harnesses/{Uri.EscapeDataString(agent)}/rollouts", ct) ?? new RolloutList(agent, []);

    public async Task<IReadOnlyList<string>> AgentsAsync(CancellationToken ct) =>
        (await GetAsync<HarnessAgents>("api/harnesses", ct))?.Agents ?? [];

    public Task<HarnessVersionList?> VersionsAsync(string agent, CancellationToken ct) =>
        GetAsync<HarnessVersionList>($"api/harnesses/{Uri.EscapeDataString(agent)}/versions", ct);

    public Task<HarnessVersionDetail?> VersionAsync(string agent, int version, CancellationToken ct) =>
        GetAsync<HarnessVersionDetail>($"api/harnesses/{Uri.EscapeDataString(agent)}/versions/{version}", ct);

    public Task<WriteResult> MakeCurrentAsync(string agent, int version, CancellationToken ct) =>
        PostJsonAsync($"api/harnesses/{Uri.EscapeDataString(agent)}/versions/{version}/current", new JsonObject(), ct);

    /// <summary>Harness v1 (or the next version) from the instructions and tools the agent's newest traces carried.</summary>
    public Task<WriteResult> DeriveFromTracesAsync(string agent, CancellationToken ct) =>
        PostJsonAsync("api/harnesses/from-traces", new JsonObject { ["agent"] = agent }, ct);

    public async Task<IReadOnlyList<ModelChoice>> ModelsAsync(CancellationToken ct) =>
        (await GetAsync<ModelList>("api/evalruns/models", ct))?.Models ?? [];

    public async Task<IReadOnlyList<EvalRunRow>> RunsAsync(string? agent, CancellationToken ct) =>
        (await GetAsync<EvalRunList>("api/evalruns?limit=200" + (agent is null ? "" : "&agent=" + Uri.EscapeDataString(agent)), ct))?.Runs ?? [];

    public Task<EvalRunView?> RunAsync(string id, CancellationToken ct) =>
        GetAsync<EvalRunView>($"api/evalruns/{Uri.EscapeDataString(id)}", ct);

    public Task<TranscriptView?> TranscriptAsync(string transcriptId, CancellationToken ct) =>
        GetAsync<TranscriptView>($"api/evalruns/transcripts/{Uri.EscapeDataString(transcriptId)}", ct);

    public Task<WriteResult> StartAsync(StartRunForm form, CancellationToken ct) => PostJsonAsync("api/evalruns", form.ToJson(), ct);

    /// <summary>Null when either run is unknown (the API answers 400).</summary>
    public async Task<ComparisonView?> CompareAsync(string a, string b, string? caseId, CancellationToken ct)
    {
        var path = $"api/evalruns/compare?a={Uri.EscapeDataString(a)}&b={Uri.EscapeDataString(b)}"
                   + (string.IsNullOrEmpty(caseId) ? "" : "&caseId=" + Uri.EscapeDataString(caseId));
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);
        if (response.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, ct);
        return await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ComparisonView>(response.Content, Json, ct);
    }
}
