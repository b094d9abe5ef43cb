using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

/// <summary>
/// An admin making a version current by hand is an approval without an optimisation: the change, its audit entry (in the
/// harness store, where harness changes are audited) and <see cref="HarnessVersionApproved"/> commit together.
/// </summary>
public sealed class MakeCurrentByHandTests
{
    [Fact]
    public async Task Making_a_version_current_by_hand_announces_the_approval_and_audits_it()
    {
        var fixture = Fixture.Airline();
        await using var host = await OptimizerHost.StartAsync(fixture, storedHarnesses: true, seedStored: true);
        using var http = host.Client();
        var created = await http.PostAsJsonAsync("/api/harnesses", new
        {
            agent = "airline", instructions = fixture.Harness.Instructions + "\nConfirm before booking.", reason = "hand edit",
            tools = fixture.Harness.Tools.Select(t => new { name = t.Name, description = t.Description, parameters = t.Parameters }),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        (await http.PostAsync("/api/harnesses/airline/versions/2/current", null)).EnsureSuccessStatusCode();

        Assert.Equal(2, host.StoredCurrent("airline"));
        var fact = await host.Probe().WaitForAsync<HarnessVersionApproved>(a => a.Agent == "airline" && a.Version == 2);
        Assert.Equal((1, (string?)null, "local-admin"), (fact.PreviousVersion, fact.OptimizationId, fact.ApprovedBy));
        var audit = (await http.GetFromJsonAsync<JsonObject>("/api/harness/audit?action=harness.current"))!["entries"]!.AsArray();
        Assert.Contains("version 2 made current by hand (was 1)", (string)Assert.Single(audit)!["detail"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/harnesses/airline/versions/9/current", null)).StatusCode);
        Assert.Equal(2, host.StoredCurrent("airline"));
    }
}
