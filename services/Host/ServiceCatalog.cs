using BetterHarness.Clustering;
using BetterHarness.Ingest;
using BetterHarness.Mining;
using BetterHarness.ServiceDefaults.Hosting;

namespace BetterHarness.Host;

/// <summary>Every service this binary can host. <c>bh up</c> runs all of them; <c>bh run NAME</c> one.</summary>
public static class ServiceCatalog
{
    public static IReadOnlyList<ServiceModule> All() => [new IngestModule(), new ClusteringModule(), new MiningModule()];

    public static ServiceModule? Find(string name) =>
        All().FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
