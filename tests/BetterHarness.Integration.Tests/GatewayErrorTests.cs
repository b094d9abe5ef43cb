using System.Net;
using System.Text.Json.Nodes;
using BetterHarness.Testing;

namespace BetterHarness.Integration.Tests;

/// <summary>Distributed mode's front door when a backend is down: a JSON error that names the service, not an empty 502.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class GatewayErrorTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task A_request_for_a_backend_that_is_down_gets_a_502_whose_json_names_the_service()
    {
        int webApi = IngestHost.FreePort(), down = IngestHost.FreePort();
        var environment = new Dictionary<string, string> { ["BetterHarness__QueuePrefix"] = "gw" + Guid.NewGuid().ToString("N")[..8] };
        foreach (var service in new[] { "ingest", "clustering", "mining", "curation", "optimizer" })
            environment[$"BetterHarness__Web__Services__{service}"] = $"http://127.0.0.1:{down}";
        using var web = BhProcess.Start(environment, "run", "web", "--rabbitmq", broker.Uri,
            "--data-dir", Path.Combine(Path.GetTempPath(), "bh-gw-" + Guid.NewGuid().ToString("N")), "--api", $"127.0.0.1:{webApi}");
        await web.WaitHealthyAsync(webApi);
        using var door = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webApi}") };

        foreach (var (path, service) in new[] { ("/api/clusters", "clustering"), ("/api/harness/current?agent=a", "optimizer") })
        {
            using var response = await door.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var body = JsonNode.Parse(text)!.AsObject();
            Assert.Equal(service, (string?)body["service"]);
            Assert.Contains($"the {service} service could not be reached", (string)body["error"]!);
        }
        await web.KillAsync();
    }
}
