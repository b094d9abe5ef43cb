using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;

namespace BetterHarness.Integration.Tests;

/// <summary>`bh replay --wait` means everything downstream of the replayed traces is done, or says what it did not wait for.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ReplayWaitTests(RabbitMqBroker broker)
{
    private static string Fixture() => Fixtures.TauBenchAirlineSample();

    [Fact]
    public async Task Embedded_replay_wait_returns_only_once_every_flagged_trace_is_clustered_and_mined()
    {
        int api = IngestHost.FreePort(), grpc = IngestHost.FreePort(), http = IngestHost.FreePort();
        using var up = BhProcess.Start("up", "--data-dir", Path.Combine(Path.GetTempPath(), "bh-wait-" + Guid.NewGuid().ToString("N")),
            "--api", $"127.0.0.1:{api}", "--otlp-grpc", $"127.0.0.1:{grpc}", "--otlp-http", $"127.0.0.1:{http}", "--quiet-window", "00:00:00.300");
        await up.WaitHealthyAsync(api);

        using var replay = BhProcess.Start("replay", Fixture(), "--endpoint", $"http://127.0.0.1:{http}", "--api", $"http://127.0.0.1:{api}",
            "--wait", "--timeout", "240");
        Assert.True(await replay.ExitCodeAsync(TimeSpan.FromMinutes(5)) == 0, replay.Output);
        Assert.Contains("flagged traces mined", Flat(replay.Output));
        Assert.DoesNotContain("Not waiting", Flat(replay.Output));

        // Nothing is left for mining or clustering the moment --wait returned.
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api}") };
        var flagged = 0;
        foreach (var line in await File.ReadAllLinesAsync(Fixture()))
        {
            var traceId = (string)JsonNode.Parse(line)!["resourceSpans"]![0]!["scopeSpans"]![0]!["spans"]![0]!["traceId"]!;
            var trace = (await client.GetFromJsonAsync<JsonObject>($"/api/traces/{traceId}"))!;
            if (trace["signals"]!.AsArray().Count == 0) continue;
            flagged++;
            var mined = await client.GetAsync($"/api/mining/traces/{traceId}");
            Assert.Equal(HttpStatusCode.OK, mined.StatusCode);
            Assert.True((int)(await mined.Content.ReadFromJsonAsync<JsonObject>())!["revision"]! >= (int)trace["revision"]!);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/clusters/assignments/{traceId}")).StatusCode);
        }
        Assert.True(flagged >= 3, $"only {flagged} of the sample traces were flagged");
        await up.KillAsync();
    }

    [Fact]
    public async Task Distributed_replay_wait_names_the_stages_it_cannot_wait_for()
    {
        int api = IngestHost.FreePort(), grpc = IngestHost.FreePort(), http = IngestHost.FreePort();
        using var ingest = BhProcess.Start(BhProcess.OwnQueues(), "run", "ingest", "--rabbitmq", broker.Uri,
            "--data-dir", Path.Combine(Path.GetTempPath(), "bh-wait-dist-" + Guid.NewGuid().ToString("N")),
            "--api", $"127.0.0.1:{api}", "--otlp-grpc", $"127.0.0.1:{grpc}", "--otlp-http", $"127.0.0.1:{http}", "--quiet-window", "00:00:00.300");
        await ingest.WaitHealthyAsync(api);

        using var replay = BhProcess.Start("replay", Fixture(), "--endpoint", $"http://127.0.0.1:{http}", "--api", $"http://127.0.0.1:{api}",
            "--wait", "--timeout", "120");
        Assert.True(await replay.ExitCodeAsync(TimeSpan.FromMinutes(3)) == 0, replay.Output);
        var output = Flat(replay.Output);
        Assert.Contains("Not waiting for failed traces clustered", output);
        Assert.Contains("Not waiting for flagged traces mined", output);
        Assert.Contains("--clustering-api", output);
        await ingest.KillAsync();
    }

    /// <summary>The output with the console's line wrapping undone.</summary>
    private static string Flat(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
}
