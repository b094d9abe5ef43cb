using BetterHarness.Host;

namespace BetterHarness.Web.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void The_host_can_run_the_web_service_on_its_own() =>
        Assert.Equal("web", ServiceCatalog.Find("web")?.Name);
}
