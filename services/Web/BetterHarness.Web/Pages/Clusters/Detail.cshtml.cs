using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Clusters;

/// <summary><c>/clusters/{id}</c>: size, status, trend, the LLM analyst's root causes when it is on, members (→ traces) and the
/// candidates mined from them.</summary>
public sealed class DetailModel(ClusteringClient clustering, MiningClient mining) : PageModel
{
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
        return Page();
    }
}
