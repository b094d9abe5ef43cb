using BetterHarness.Host;

namespace BetterHarness.Optimizer.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void The_host_can_run_the_optimizer_service_on_its_own() =>
        Assert.Equal("optimizer", ServiceCatalog.Find("optimizer")?.Name);
}
