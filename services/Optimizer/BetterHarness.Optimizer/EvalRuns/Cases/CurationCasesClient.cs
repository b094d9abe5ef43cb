using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.EvalRuns.Storage;

namespace BetterHarness.Optimizer.EvalRuns.Cases;

/// <summary>
/// The optimizer's one client of the curation service's eval store (eval runs and optimisations both read cases through it;
/// base URL <c>BetterHarness:EvalRuns:CurationBaseUrl</c>): <c>GET /api/evals/snapshots/{id}/export</c> for a snapshot,
/// <c>GET /api/evals/export?agent=</c> for the agent's active set — JSON lines in the public case schema with the
/// curation fields — and <c>GET /api/evals/snapshots?agent=&amp;limit=1</c> for the agent's latest snapshot. The filter
/// (split, category, must-pass, case ids) is applied here.
/// </summary>
public sealed class CurationCasesClient(HttpClient http)
{
    /// <summary>Where curation is reached (shown in the reason when it cannot be).</summary>
    public Uri? BaseAddress => http.BaseAddress;

    public async Task<IReadOnlyList<EvalCase>> LoadAsync(string agent, string? snapshotId, CaseFilter filter, CancellationToken ct)
    {
        var path = snapshotId is { Length: > 0 }
            ? $"api/evals/snapshots/{Uri.EscapeDataString(snapshotId)}/export"
            : $"api/evals/export?agent={Uri.EscapeDataString(agent)}";
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            throw new CasesUnavailableException(snapshotId is null ? $"the curation service has no eval set for agent '{agent}'" : $"snapshot {snapshotId} is unknown to the curation service");
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"curation answered {(int)response.StatusCode} for {path}", null, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var lines = EvalCaseJson.ReadLines(reader);
        if (lines.Errors.Count > 0)
            throw new CasesUnavailableException($"the curation export has {lines.Errors.Count} unreadable line(s), first: line {lines.Errors[0].Line}: {lines.Errors[0].Message}");
        return Apply(lines.Cases.Where(c => snapshotId is not null || c.Agent is null || c.Agent == agent), filter);
    }

    /// <summary>The id of the agent's newest snapshot; null when it has none.</summary>
    public async Task<string?> LatestSnapshotAsync(string agent, CancellationToken ct)
    {
        var path = $"api/evals/snapshots?agent={Uri.EscapeDataString(agent)}&limit=1";
        using var response = await http.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"curation answered {(int)response.StatusCode} for {path}", null, response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        return body?["snapshots"]?.AsArray().FirstOrDefault()?["id"]?.GetValue<string>();
    }

    public static IReadOnlyList<EvalCase> Apply(IEnumerable<EvalCase> cases, CaseFilter filter)
    {
        var ids = filter.CaseIds is { Count: > 0 } list ? list.ToHashSet(StringComparer.Ordinal) : null;
        return cases.Where(c => filter.Split is null || string.Equals(c.Split, filter.Split, StringComparison.OrdinalIgnoreCase))
            .Where(c => filter.Category is null || string.Equals(c.CategoryOrFirstTag, filter.Category, StringComparison.OrdinalIgnoreCase))
            .Where(c => !filter.MustPassOnly || c.MustPass == true)
            .Where(c => ids is null || ids.Contains(c.Id))
            .ToList();
    }
}

/// <summary>The run's cases cannot be had (unknown snapshot, empty set, unreadable export): the run fails with this message.</summary>
public sealed class CasesUnavailableException(string message) : Exception(message);
