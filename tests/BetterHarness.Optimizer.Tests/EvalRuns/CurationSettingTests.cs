using BetterHarness.Optimizer.EvalRuns.Cases;
using BetterHarness.Optimizer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Optimizer.Tests.EvalRuns;

/// <summary>
/// One curation client with one setting, <c>BetterHarness:EvalRuns:CurationBaseUrl</c>; the optimisation's old
/// <c>BetterHarness:Optimization:CurationUrl</c> still works as a deprecated alias, and both naming different URLs stops the start.
/// </summary>
public sealed class CurationSettingTests
{
    [Fact]
    public async Task The_deprecated_optimisation_setting_still_points_eval_runs_and_optimisations_at_curation()
    {
        await using var curation = await EvalRunsHost.Curation(AirlineFixture.All);
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.All, new()
        {
            ["BetterHarness:EvalRuns:CurationBaseUrl"] = null,
            [DeprecatedCurationSettings.Url] = curation.BaseUrl,
        }, curation: curation);
        await host.CreateHarnessAsync(AirlineFixture.BaseInstructions);

        var run = await host.WaitForRunAsync(await host.StartRunAsync(new { agent = "airline", trials = 1 }));

        Assert.Equal("completed", (string?)run["status"]);
        Assert.Equal(AirlineFixture.All.Count, run["cases"]!.AsArray().Count);
        var client = host.Host.Services.GetRequiredService<CurationCasesClient>();
        Assert.Equal(curation.BaseUrl.TrimEnd('/'), client.BaseAddress!.ToString().TrimEnd('/'));
    }

    [Fact]
    public async Task The_old_and_the_new_setting_naming_different_urls_stop_the_start_with_a_reason()
    {
        await using var curation = await EvalRunsHost.Curation(AirlineFixture.All);
        var failed = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await EvalRunsHost.StartAsync(AirlineFixture.All, new()
            {
                [DeprecatedCurationSettings.Url] = "http://127.0.0.1:2/",
            }, curation: curation);
        });
        Assert.Contains("keep BetterHarness:EvalRuns:CurationBaseUrl only", failed.ToString());
    }
}
