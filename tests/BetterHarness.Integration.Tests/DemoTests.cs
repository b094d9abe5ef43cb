using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BetterHarness.Testing;

namespace BetterHarness.Integration.Tests;

/// <summary>`bh up --demo` from an empty data dir: samples → ingest → mining → auto-accepted eval set → harness v1 → one optimisation.</summary>
public sealed partial class DemoTests
{
    [Fact]
    public async Task Demo_goes_from_an_empty_data_dir_to_an_harness_version_awaiting_review()
    {
        int api = IngestHost.FreePort(), grpc = IngestHost.FreePort(), http = IngestHost.FreePort();
        using var demo = BhProcess.Start("up", "--demo", "--data-dir", Path.Combine(Path.GetTempPath(), "bh-demo-" + Guid.NewGuid().ToString("N")),
            "--api", $"127.0.0.1:{api}", "--otlp-grpc", $"127.0.0.1:{grpc}", "--otlp-http", $"127.0.0.1:{http}");
        await demo.WaitHealthyAsync(api);

        var id = await ReadyRunAsync(demo, api, TimeSpan.FromMinutes(10));

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api}") };
        var run = (await client.GetFromJsonAsync<JsonObject>($"/api/optimizations/{id}"))!;
        Assert.Equal("awaiting_review", (string?)run["status"]);
        var report = run["report"]!;
        Assert.True((bool)report["simulated"]!);
        Assert.True(report["baseline"]!["optimization"]!["cases"]!.AsArray().Count >= 4, "the demo eval set is too small to show anything");
        Assert.NotEmpty(report["baseline"]!["holdout"]!["cases"]!.AsArray());
        // Every iteration proposed, validated and decided; whether one is accepted depends on noise drawn per mined case id.
        Assert.NotEmpty(report["iterations"]!.AsArray());
        Assert.All(report["iterations"]!.AsArray(), i => Assert.False(string.IsNullOrEmpty((string?)i!["reason"])));
        Assert.True((double)report["final"]!["optimization"]!["passRate"]! >= (double)report["baseline"]!["optimization"]!["passRate"]!);

        var page = await client.GetStringAsync($"/optimizations/{id}");
        Assert.Contains("awaiting review", page);
        Assert.Contains("Approve", page);
        await demo.KillAsync();
    }

    private static async Task<string> ReadyRunAsync(BhProcess demo, int api, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var ready = new Regex($@"demo ready: open http://127\.0\.0\.1:{api}/optimizations/(opt_[0-9a-f]+)");
        while (DateTime.UtcNow < deadline)
        {
            var flat = Whitespace().Replace(demo.Output, " ");
            if (ready.Match(flat) is { Success: true } match) return match.Groups[1].Value;
            Assert.DoesNotContain("demo stopped", flat);
            await Task.Delay(250);
        }
        throw new TimeoutException($"the demo did not finish within {timeout}:\n{demo.Output}");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
