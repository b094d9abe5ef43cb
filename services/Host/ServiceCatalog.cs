using BetterHarness.Clustering;
using BetterHarness.Curation;
using BetterHarness.Ingest;
using BetterHarness.Mining;
using BetterHarness.Optimizer;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Web;

namespace BetterHarness.Host;

/// <summary>Every service this binary can host. <c>bh up</c> runs all of them; <c>bh run NAME</c> one.</summary>
public static class ServiceCatalog
{
    public static IReadOnlyList<ServiceModule> All() => [
        new IngestModule(), new ClusteringModule(), new MiningModule(),
        new CurationModule(), new OptimizerModule(), new WebModule(),
    ];

    public static ServiceModule? Find(string name) =>
        All().FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
