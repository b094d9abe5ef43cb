using System.Net;
using BetterHarness.Host;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace BetterHarness.Integration.Tests;

/// <summary>Readiness (<c>/health</c>) follows the broker in every service; liveness (<c>/health/live</c>) does not.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ReadinessTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Readiness_is_503_in_every_service_while_the_broker_is_down_and_recovers_with_it()
    {
        await using var proxy = new TcpProxy(new Uri(broker.Uri));
        proxy.Start();
        var hosts = new List<(string Name, WebApplication App, HttpClient Api)>();
        try
        {
            // The web front door alone needs its backends' addresses; it has no consumers or broker of its own to lose.
            foreach (var module in ServiceCatalog.All().Where(m => m.Name != "web"))
            {
                var api = IngestHost.FreePort();
                var app = ServiceHost.Build([], [module], c => c.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["BetterHarness:DataDir"] = Path.Combine(Path.GetTempPath(), "bh-ready-" + Guid.NewGuid().ToString("N")),
                    ["BetterHarness:Transport"] = "rabbitmq",
                    ["BetterHarness:RabbitMq"] = proxy.Rewrite(broker.Uri),
                    ["BetterHarness:QueuePrefix"] = "t" + Guid.NewGuid().ToString("N")[..8],
                    ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{api}",
                    ["BetterHarness:Ingest:OtlpGrpcEndpoint"] = $"127.0.0.1:{IngestHost.FreePort()}",
                    ["BetterHarness:Ingest:OtlpHttpEndpoint"] = $"127.0.0.1:{IngestHost.FreePort()}",
                    ["Logging:LogLevel:Default"] = "Critical",
                }));
                await app.StartAsync();
                hosts.Add((module.Name, app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api}") }));
            }
            foreach (var (name, _, api) in hosts) await WaitForAsync(api, HttpStatusCode.OK, name);

            proxy.Stop();
            foreach (var (name, _, api) in hosts)
            {
                await WaitForAsync(api, HttpStatusCode.ServiceUnavailable, name);
                Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/live")).StatusCode);
            }

            proxy.Start();
            foreach (var (name, _, api) in hosts) await WaitForAsync(api, HttpStatusCode.OK, name);
        }
        finally
        {
            proxy.Stop();
            foreach (var (_, app, api) in hosts)
            {
                api.Dispose();
                try { await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); } catch (Exception) { }
                await app.DisposeAsync();
            }
        }
    }

    private static async Task WaitForAsync(HttpClient api, HttpStatusCode expected, string service)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var response = await api.GetAsync("/health");
            if (response.StatusCode == expected) return;
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            await Task.Delay(250);
        }
        Assert.Fail($"{service}: /health did not become {(int)expected} within 60 s; last: {last}");
    }
}
