using BetterHarness.Web.Backends;

namespace BetterHarness.Web.Pages.Audit;

/// <summary>
/// Every service's audit log, merged newest first: curation (reviews, cases), the optimizer (harness versions, rollouts,
/// optimisations, eval runs), mining (candidate imports, correction labels, detectors) and clustering (re-clusterings).
/// A service that does not answer is named rather than failing the page.
/// </summary>
public sealed class AuditSources(CurationClient curation, OptimizerClient optimizer, MiningClient mining, ClusteringClient clustering)
{
    public async Task<(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<string> Unavailable)> ReadAsync(AuditFilter filter, CancellationToken ct)
    {
        (BackendClient Client, string Name, string Path)[] sources =
        [
            (curation, "curation", "api/audit"), (optimizer, "optimizer", "api/harness/audit"),
            (mining, "mining", "api/mining/audit"), (clustering, "clustering", "api/clusters/audit"),
        ];
        var reads = sources.Select(async s =>
        {
            try { return (s.Name, Entries: await s.Client.AuditAsync(s.Path, filter, ct), Failed: false); }
            catch (BackendUnavailableException) { return (s.Name, Entries: (IReadOnlyList<AuditEntry>)[], Failed: true); }
        }).ToList();
        var results = await Task.WhenAll(reads);
        var entries = results.SelectMany(r => r.Entries).OrderByDescending(e => e.At).ThenBy(e => e.Service, StringComparer.Ordinal)
            .ThenByDescending(e => e.Id).Take(filter.Limit).ToList();
        return (entries, [.. results.Where(r => r.Failed).Select(r => r.Name)]);
    }
}
