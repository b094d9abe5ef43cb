using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

/// <summary>Approval through the real SQLite harness store, as a production agent polling for its harness sees it.</summary>
public sealed class ApproveServesHarnessTests
{
    [Fact]
    public async Task Approving_serves_the_new_version_to_a_polling_agent_with_a_new_etag()
    {
        var fixture = Fixture.Airline();
        await using var host = await OptimizerHost.StartAsync(fixture, storedHarnesses: true);
        using var http = host.Client();
        var created = await http.PostAsJsonAsync("/api/harnesses", new
        {
            agent = "airline", instructions = fixture.Harness.Instructions, author = "test", reason = "starting harness",
            tools = fixture.Harness.Tools.Select(t => new { name = t.Name, description = t.Description, parameters = t.Parameters }),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        (await http.PostAsync("/api/harnesses/airline/versions/1/current", null)).EnsureSuccessStatusCode();

        var before = await http.GetAsync("/api/harness/current?agent=airline");
        var etag = before.Headers.ETag!.Tag;
        var first = (await before.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)first["version"]!);
        Assert.Null(first["validatedWith"]);
        Assert.Equal(HttpStatusCode.NotModified, (await Poll(http, etag)).StatusCode);

        var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 2 });
        var run = await host.WaitForStatusAsync(http, id, "awaiting_review");
        var version = (int)run["harnessVersion"]!;
        Assert.True(version > 1, $"the run should end with a new version: {run["report"]?["stopReason"]}");
        // Awaiting review is not current: the agent still gets 304 for what it has.
        Assert.Equal(HttpStatusCode.NotModified, (await Poll(http, etag)).StatusCode);

        // Validated only with a simulated model: approving asks for an explicit confirmation.
        var unconfirmed = await http.PostAsync($"/api/optimizations/{id}/approve", null);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("confirmSimulated", await unconfirmed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await Poll(http, etag)).StatusCode);
        (await http.PostAsJsonAsync($"/api/optimizations/{id}/approve", new { confirmSimulated = true })).EnsureSuccessStatusCode();

        var after = await Poll(http, etag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);
        var served = (await after.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(version, (int)served["version"]!);
        // Provenance travels with the version: validated by an optimisation on the simulated model.
        Assert.Equal("simulated", (string?)served["validatedWith"]!["model"]);
        Assert.True((bool)served["validatedWith"]!["simulated"]!);
        Assert.NotEqual(fixture.Harness.Instructions, (string?)served["instructions"]);
        Assert.Equal(HttpStatusCode.NotModified, (await Poll(http, after.Headers.ETag!.Tag)).StatusCode);
    }

    private static async Task<HttpResponseMessage> Poll(HttpClient http, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/harness/current?agent=airline");
        request.Headers.IfNoneMatch.ParseAdd(etag);
        return await http.SendAsync(request);
    }
}
