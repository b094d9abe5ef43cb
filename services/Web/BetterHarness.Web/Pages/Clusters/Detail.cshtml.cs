using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Clusters;

/// <summary><c>/clusters/{id}</c>: size, status, trend, the LLM analyst's root causes when it is on, members (→ traces) and the
/// candidates mined from them.</summary>
public sealed class DetailModel(ClusteringClient clustering, MiningClient mining, ProductionClient production) : PageModel
{
    /// <summary>The cluster's members per agent and harness version, with that version's share of its traces in the cluster.</summary>
    public IReadOnlyList<(string Agent, int? Version, long Members, long? Traces)> ByVersion { get; private set; } = [];

    /// <summary>The version the cluster followed: the newest version of the agent with the most members, when its share of
    /// traces in the cluster is higher than the version before it had (null when it did not grow after a version).</summary>
    public (string Agent, int Version, double Share, int? Before, double? BeforeShare)? Followed { get; private set; }
    public const int MemberLimit = 200;

    public ClusterDetail Detail { get; private set; } = null!;
    public IReadOnlyList<CandidateSummary> Candidates { get; private set; } = [];

    /// <summary>The LLM analyst's statements among the members shown, by model, most frequent first (empty when it is off).</summary>
    public IReadOnlyList<IGrouping<(string Model, string Statement), ClusterMember>> RootCauses =>
        [.. Detail.Members.Where(m => m.Analysis is not null).GroupBy(m => (m.Analysis!.Model, m.Analysis.Statement))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Statement, StringComparer.Ordinal)];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var detail = clustering.GetAsync(id, MemberLimit, ct);
        var candidates = mining.ListAsync(null, id, null, 100, ct);
        if (await detail is not { } found) return NotFound();
        Detail = found;
        Candidates = (await candidates).Candidates;
        try { await LoadVersionsAsync(id, ct); }
        catch (BackendUnavailableException) { ByVersion = []; } // ingest down: the rest of the page stands
        return Page();
    }

    private async Task LoadVersionsAsync(string id, CancellationToken ct)
    {
        var counts = (await production.ClusterVersionsAsync(id, ct))?.Versions ?? [];
        var rows = new List<(string, int?, long, long?)>();
        foreach (var agent in counts.Select(c => c.Agent).Distinct(StringComparer.Ordinal).Where(a => a.Length > 0))
        {
            var figures = await production.FiguresAsync(agent, ct);
            foreach (var c in counts.Where(c => c.Agent == agent))
                rows.Add((agent, c.Version, c.Members, c.Version is { } v ? figures?.Versions.FirstOrDefault(f => f.Version == v)?.Traces : figures?.Unknown));
        }
        ByVersion = rows;
        var top = rows.Where(r => r.Item2 is not null && r.Item4 is > 0).OrderByDescending(r => r.Item2).FirstOrDefault();
        if (top.Item1 is null) return;
        var share = (double)top.Item3 / top.Item4!.Value;
        var before = rows.Where(r => r.Item1 == top.Item1 && r.Item2 < top.Item2 && r.Item4 is > 0).OrderByDescending(r => r.Item2).FirstOrDefault();
        double? beforeShare = before.Item1 is null ? null : (double)before.Item3 / before.Item4!.Value;
        if (beforeShare is null || share > beforeShare) Followed = (top.Item1, top.Item2!.Value, share, before.Item2, beforeShare);
    }
}
