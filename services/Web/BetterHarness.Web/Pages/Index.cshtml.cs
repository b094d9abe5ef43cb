using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages;

/// <summary><c>/</c>: counts, newest alerts (clusters that emerged or grow), growing clusters.</summary>
public sealed class IndexModel(IngestClient ingest, ClusteringClient clustering, MiningClient mining, CurationClient curation, TimeProvider time) : PageModel
{
    public TraceStats Traces { get; private set; } = new(0, 0, 0);
    public ClusterList Clusters { get; private set; } = new([], 0, 0, 0);
    public IReadOnlyList<CandidateSummary> NewestCandidates { get; private set; } = [];
    public IReadOnlyList<ClusterSummary> Alerts { get; private set; } = [];
    public IReadOnlyList<ClusterSummary> Growing { get; private set; } = [];
    public DateTimeOffset Now { get; } = time.GetUtcNow();
    public int Pending { get; private set; }
    public int Cases { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var traces = ingest.StatsAsync(ct);
        var clusters = clustering.ListAsync(1000, ct);
        var candidates = mining.ListAsync(null, null, "proposed", 5, ct);
        var queue = curation.ReviewAsync(new ReviewQuery("pending", Limit: 1), ct);
        var composition = curation.CompositionAsync(null, ct);
        Traces = await traces;
        Clusters = await clusters;
        NewestCandidates = (await candidates).Candidates;
        Pending = (await queue).Counts.GetValueOrDefault("pending");
        var totals = (await composition).Totals;
        Cases = totals.Optimization + totals.Holdout;
        // An alert is what the clustering service alerts on: a cluster that emerged or whose current bucket spikes.
        Alerts = Clusters.Clusters.Where(c => c.Status is "new" or "growing")
            .OrderByDescending(c => c.FirstSeen).Take(8).ToList();
        Growing = Clusters.Clusters.Where(c => c.Status == "growing")
            .OrderByDescending(c => c.Trend.Count == 0 ? 0 : c.Trend[^1]).Take(8).ToList();
    }
}
