using BetterHarness.Host;

namespace BetterHarness.Curation.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void The_host_can_run_the_curation_service_on_its_own() =>
        Assert.Equal("curation", ServiceCatalog.Find("curation")?.Name);
}
