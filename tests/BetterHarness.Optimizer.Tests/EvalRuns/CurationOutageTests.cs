using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Tests.Support;
using BetterHarness.Testing;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.Tests.EvalRuns;

/// <summary>
/// Curation is where a run's cases come from. While it is down the run waits (queued, saying why) and retries; if it
/// stays down past <c>BetterHarness:EvalRuns:CasesRetryWindow</c> the run fails with the reason, never queued forever.
/// </summary>
public sealed class CurationOutageTests
{
    [Fact]
    public async Task A_run_whose_curation_stays_unreachable_fails_after_the_retry_window_with_the_reason()
    {
        // A port bound and never listened on: connections are refused, and no other test's host can take it meanwhile
        // (a port that was only found free could be, and then curation "answered" with someone else's 404).
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closedPort = ((IPEndPoint)closed.LocalEndPoint!).Port;
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.All, new()
        {
            ["BetterHarness:EvalRuns:CurationBaseUrl"] = $"http://127.0.0.1:{closedPort}/",
            ["BetterHarness:EvalRuns:CasesRetryWindow"] = "00:00:03",
        });
        await host.CreateHarnessAsync(AirlineFixture.BaseInstructions);
        var id = await host.StartRunAsync(new { agent = "airline", trials = 1 });

        var waiting = await PollAsync(host, id, r => (string?)r["error"] is not null || (string?)r["status"] != "queued");
        Assert.Equal("queued", (string?)waiting["status"]);
        Assert.Contains($"waiting for curation at http://127.0.0.1:{closedPort}/", (string?)waiting["error"]);

        var failed = await host.WaitForRunAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal("failed", (string?)failed["status"]);
        var reason = (string?)failed["error"];
        Assert.Contains($"could not be read from curation at http://127.0.0.1:{closedPort}/: ", reason);
        Assert.Contains("CasesRetryWindow is 00:00:03", reason);
        var failedAfter = DateTimeOffset.Parse((string)failed["finishedAt"]!) - DateTimeOffset.Parse((string)failed["createdAt"]!);
        Assert.True(failedAfter >= TimeSpan.FromSeconds(3), $"gave up after {failedAfter}, before the 3 s window");
        var listed = (await host.Api.GetFromJsonAsync<JsonObject>("/api/evalruns"))!["runs"]!.AsArray().Single(r => (string?)r!["id"] == id)!;
        Assert.Equal("failed", (string?)listed["status"]);
    }

    [Fact]
    public async Task A_run_whose_curation_comes_back_within_the_window_completes()
    {
        var requests = 0;
        await using var curation = await FakeServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref requests) <= 2)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            context.Response.ContentType = "application/x-ndjson";
            foreach (var c in AirlineFixture.All.Take(2)) await context.Response.WriteAsync(EvalCaseJson.Serialize(c with { Agent = "airline" }) + "\n");
        });
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.All, new() { ["BetterHarness:EvalRuns:CasesRetryWindow"] = "00:00:30" },
            curation: curation);
        await host.CreateHarnessAsync(AirlineFixture.BaseInstructions);
        var id = await host.StartRunAsync(new { agent = "airline", trials = 1 });

        var run = await host.WaitForRunAsync(id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", (string?)run["status"]);
        Assert.Null((string?)run["error"]);
        Assert.Equal(2, run["cases"]!.AsArray().Count);
        Assert.Equal(3, requests);
    }

    private static async Task<JsonObject> PollAsync(EvalRunsHost host, string id, Func<JsonObject, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var run = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/evalruns/{id}"))!;
            if (done(run)) return run;
            await Task.Delay(50);
        }
        throw new TimeoutException($"run {id} never reported waiting for curation");
    }
}
