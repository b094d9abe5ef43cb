using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Clusters;

/// <summary><c>/clusters?status=&amp;q=</c>: every current failure cluster, most recently growing first.</summary>
public sealed class IndexModel(ClusteringClient clustering) : PageModel
{
    public static readonly string[] Statuses = ["new", "growing", "stable", "fading"];

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public ClusterList All { get; private set; } = new([], 0, 0, 0);
    public IReadOnlyList<ClusterSummary> Shown { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        All = await clustering.ListAsync(10_000, ct);
        Shown = All.Clusters
            .Where(c => string.IsNullOrEmpty(Status) || c.Status == Status)
            .Where(c => string.IsNullOrWhiteSpace(Q) || c.Label.Contains(Q, StringComparison.OrdinalIgnoreCase)
                || c.Terms.Any(t => t.Contains(Q, StringComparison.OrdinalIgnoreCase)) || c.Id.Contains(Q, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }
}
