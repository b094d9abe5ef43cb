using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Optimizer.Tests.Support;

namespace BetterHarness.Optimizer.Tests.Harnesses;

[Collection(EmbedderCollection.Name)]
public sealed class HarnessApiTests
{
    [Fact]
    public async Task Versions_keep_parent_author_reason_and_a_readable_diff_and_the_current_one_is_served_with_an_etag()
    {
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.All);
        Assert.Equal(1, await host.CreateHarnessAsync("Be helpful."));
        var second = await host.Api.PostAsJsonAsync("/api/harnesses", new
        {
            agent = "airline", instructions = "Be helpful.\nTransfer insurance refunds to a human agent.", author = "ana", reason = "insurance cases",
            tools = new[] { new { name = "transfer_to_human_agents", description = "Transfer the user.", parameters = new { type = "object" } } },
            model = new { name = "simulated", maxSteps = 5 },
        });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var created = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, (int)created["version"]!);
        Assert.StartsWith("hv_", (string)created["harnessId"]!);

        var v2 = (await host.Api.GetFromJsonAsync<JsonObject>("/api/harnesses/airline/versions/2"))!;
        Assert.Equal(1, (int)v2["parent"]!);
        // The author is the caller (open mode: the local admin); the body's "author" is ignored.
        Assert.Equal("local-admin", (string)v2["author"]!);
        Assert.Equal("insurance cases", (string)v2["reason"]!);
        Assert.Contains("+ Transfer insurance refunds to a human agent.", (string)v2["diff"]!["unified"]!);
        Assert.Contains("- get_reservation_details: ", (string)v2["diff"]!["unified"]!);
        Assert.Equal(5, (int)v2["model"]!["maxSteps"]!);

        var list = (await host.Api.GetFromJsonAsync<JsonObject>("/api/harnesses/airline/versions"))!;
        Assert.Equal([2, 1], list["versions"]!.AsArray().Select(v => (int)v!["version"]!));

        // The first version is current until another is made current.
        var current = await host.Api.GetAsync("/api/harness/current?agent=airline");
        var etag = current.Headers.ETag!.Tag;
        Assert.Equal(1, (int)(await current.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);
        using var poll = new HttpRequestMessage(HttpMethod.Get, "/api/harness/current?agent=airline");
        poll.Headers.IfNoneMatch.ParseAdd(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Api.SendAsync(poll)).StatusCode);

        (await host.Api.PostAsync("/api/harnesses/airline/versions/2/current", null)).EnsureSuccessStatusCode();
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/harness/current?agent=airline");
        again.Headers.IfNoneMatch.ParseAdd(etag);
        var changed = await host.Api.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        Assert.Equal(2, (int)(await changed.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);
    }

    [Fact]
    public async Task Bad_requests_say_what_is_wrong_and_an_identical_document_is_not_a_new_version()
    {
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.All);
        var noAgent = await host.Api.PostAsJsonAsync("/api/harnesses", new { instructions = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noAgent.StatusCode);
        Assert.Contains("agent", await noAgent.Content.ReadAsStringAsync());
        var duplicateTool = await host.Api.PostAsJsonAsync("/api/harnesses", new { agent = "a", instructions = "x", tools = new[] { new { name = "t" }, new { name = "t" } } });
        Assert.Contains("appears twice", await duplicateTool.Content.ReadAsStringAsync());

        Assert.Equal(1, await host.CreateHarnessAsync("Same."));
        Assert.Equal(1, await host.CreateHarnessAsync("Same."));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Api.GetAsync("/api/harness/current?agent=nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Api.PostAsync("/api/harnesses/airline/versions/9/current", null)).StatusCode);
    }
}
