using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>What a new user sees before any failure has been clustered.</summary>
public sealed class FreshInstallTests
{
    [Fact]
    public async Task Listing_clusters_before_any_cluster_exists_answers_an_empty_list()
    {
        await using var host = await IngestHost.StartAsync();

        var response = await host.Api.GetAsync("/api/clusters");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, (int)body["count"]!);
        Assert.Empty(body["clusters"]!.AsArray());
        Assert.Equal(0, (long)body["failures"]!);
    }
}
