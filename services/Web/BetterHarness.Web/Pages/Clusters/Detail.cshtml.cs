using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Clusters;

/// <summary><c>/clusters/{id}</c>: size, status, trend, members (→ traces) and the candidates mined from them.</summary>
public sealed class DetailModel(ClusteringClient clustering, MiningClient mining) : PageModel
{
    public const int MemberLimit = 200;

    public ClusterDetail Detail { get; private set; } = null!;
    public IReadOnlyList<CandidateSummary> Candidates { get; private set; } = [];

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
