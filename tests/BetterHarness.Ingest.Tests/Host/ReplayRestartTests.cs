using BetterHarness.Tools.Load;
using BetterHarness.Tools.Load.Replay;
using BetterHarness.Ingest.Otlp;
using BetterHarness.Testing;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>`bh replay`'s sender against a real server that is stopped and started again mid-replay.</summary>
public sealed class ReplayRestartTests
{
    [Fact]
    public async Task Replay_rides_out_a_server_restart_and_the_trace_sent_during_it_completes()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-replay-restart-" + Guid.NewGuid().ToString("N"));
        int api = IngestHost.FreePort(), grpc = IngestHost.FreePort(), http = IngestHost.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{api}",
            ["BetterHarness:Ingest:OtlpGrpcEndpoint"] = $"127.0.0.1:{grpc}",
            ["BetterHarness:Ingest:OtlpHttpEndpoint"] = $"127.0.0.1:{http}",
        };
        using var client = HttpClients.Create(new Uri($"http://127.0.0.1:{http}/"), null, 2, TimeSpan.FromSeconds(30));
        var poster = new OtlpJsonPoster(client, new Uri($"http://127.0.0.1:{http}/v1/traces"), new ServerOutage(TimeSpan.FromSeconds(60)));
        var (first, _) = TestRequests.SimpleTrace();
        var (second, secondId) = TestRequests.SimpleTrace();

        var before = await IngestHost.StartAsync(dataDir, settings);
        Assert.True((await poster.PostAsync(OtlpJsonWriter.WriteRequest(first), default)).Accepted);
        await before.DisposeAsync();

        // Sent while nothing listens: refused, retried, and delivered once the server is back.
        var during = poster.PostAsync(OtlpJsonWriter.WriteRequest(second), default);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(during.IsCompleted);
        await using var after = await IngestHost.StartAsync(dataDir, settings);

        var outcome = await during.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(outcome.Accepted, outcome.Message);
        Assert.True(outcome.Attempts > 1);
        using var apiClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api}") };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? state = null;
        while (state != "completed" && DateTime.UtcNow < deadline)
        {
            var response = await apiClient.GetAsync($"/api/traces/{secondId}");
            if (response.IsSuccessStatusCode)
                state = (string?)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["state"];
            await Task.Delay(100);
        }
        Assert.Equal("completed", state);
    }

    [Fact]
    public async Task A_server_never_reached_fails_at_once_with_what_to_do()
    {
        var port = IngestHost.FreePort();
        using var client = HttpClients.Create(new Uri($"http://127.0.0.1:{port}/"), null, 1, TimeSpan.FromSeconds(30));
        var poster = new OtlpJsonPoster(client, new Uri($"http://127.0.0.1:{port}/v1/traces"), new ServerOutage(TimeSpan.FromSeconds(60)));

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => poster.PostAsync("{}", default).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.True(error.ServerUnreachable);
        Assert.Contains("bh up", error.Message);
    }

    [Fact]
    public async Task A_server_gone_longer_than_the_outage_budget_fails_the_line_instead_of_hanging()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-replay-gone-" + Guid.NewGuid().ToString("N"));
        var host = await IngestHost.StartAsync(dataDir);
        using var client = HttpClients.Create(new Uri($"http://127.0.0.1:{host.HttpPort}/"), null, 1, TimeSpan.FromSeconds(30));
        var poster = new OtlpJsonPoster(client, new Uri($"http://127.0.0.1:{host.HttpPort}/v1/traces"), new ServerOutage(TimeSpan.FromSeconds(2)));
        Assert.True((await poster.PostAsync(OtlpJsonWriter.WriteRequest(TestRequests.SimpleTrace().Request), default)).Accepted);
        await host.DisposeAsync();

        var outcome = await poster.PostAsync(OtlpJsonWriter.WriteRequest(TestRequests.SimpleTrace().Request), default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(outcome.Accepted);
        Assert.Contains("unreachable for 2 s", outcome.Message);
    }
}
