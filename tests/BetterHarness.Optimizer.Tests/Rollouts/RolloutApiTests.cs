using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using System.Text.Json.Nodes;
using BetterHarness.Optimizer.Tests.Support;
using BetterHarness.Testing;

namespace BetterHarness.Optimizer.Tests.Rollouts;

/// <summary>
/// Canary rollouts on the real host: sticky serving by unit, a canary that fails more is rolled back by the monitor
/// from production traces (through ingest's API) with a webhook alert, and a person promotes another; every step audited.
/// </summary>
[Collection(EmbedderCollection.Name)]
public sealed class RolloutApiTests
{
    private const string Agent = "shop";
    private static readonly AgentTraffic.Tool[] Tools = [new("lookup_order", "Look up an order by its number.")];

    [Fact]
    public async Task A_canary_serves_its_share_of_units_stickily_and_callers_without_a_unit_keep_the_current_version()
    {
        await using var host = await IngestHost.StartAsync();
        await CreateAsync(host, "Be brief.");
        await CreateAsync(host, "Be brief. Quote the order number.");
        var plain = await host.Api.GetAsync($"/api/harness/current?agent={Agent}");
        var plainTag = plain.Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts", new { version = 2, share = 1.5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts", new { share = 0.1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts", new { version = 9, share = 0.1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts", new { version = 1, share = 0.1 })).StatusCode);
        var started = await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts", new { version = 2, share = 0.1 });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var rollout = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("canary", (string)rollout["state"]!);
        Assert.StartsWith("ro_", (string)rollout["id"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts", new { version = 2, share = 0.2 })).StatusCode);

        var served = new Dictionary<int, HashSet<string>> { [1] = [], [2] = [] };
        for (var u = 0; u < 1000; u++)
        {
            var response = await host.Api.GetAsync($"/api/harness/current?agent={Agent}&unit=user-{u}");
            var version = (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!;
            served[version].Add(response.Headers.ETag!.Tag);
            if (u < 50) // sticky: the same unit gets the same version again
                Assert.Equal(version, (int)(await host.Api.GetFromJsonAsync<JsonObject>($"/api/harness/current?agent={Agent}&unit=user-{u}"))!["version"]!);
        }
        var canaryUnits = 1000 - (await CountAsync(host, 1000)).Current;
        Assert.InRange(canaryUnits, 70, 130); // 10 % ± 3 standard deviations of 1000 draws
        Assert.Single(served[1]);
        Assert.Single(served[2]);
        Assert.NotEqual(served[1].Single(), served[2].Single());
        Assert.Equal(plainTag, served[1].Single());

        // Without a unit: exactly as before the rollout, 304 included.
        using var poll = new HttpRequestMessage(HttpMethod.Get, $"/api/harness/current?agent={Agent}");
        poll.Headers.IfNoneMatch.ParseAdd(plainTag);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Api.SendAsync(poll)).StatusCode);
    }

    [Fact]
    public async Task The_monitor_rolls_back_a_canary_that_fails_more_alerts_the_webhook_and_a_person_promotes_the_next()
    {
        var alerts = new ConcurrentQueue<JsonObject>();
        await using var webhook = await FakeServer.StartAsync(async context =>
        {
            alerts.Enqueue((await context.Request.ReadFromJsonAsync<JsonObject>())!);
            context.Response.StatusCode = 204;
        });
        await using var host = await IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Rollouts:CheckInterval"] = "00:00:00.200",
            ["BetterHarness:Rollouts:MinTracesPerArm"] = "10",
            ["BetterHarness:Rollouts:WebhookUrl"] = webhook.BaseUrl + "/alerts",
        });
        await CreateAsync(host, "Be brief.");
        await CreateAsync(host, "Be brief. Skip the lookup when you can.");
        await CreateAsync(host, "Be brief. Quote the order number.");
        var id = (string)(await (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts", new { version = 2, share = 0.1 }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        // Production traffic declaring its version: the canary fails 12 of 12, the current version 1 of 14.
        for (var i = 0; i < 14; i++) await SendAsync(host, "1", failed: i == 0);
        for (var i = 0; i < 12; i++) await SendAsync(host, "2", failed: true);

        var rolledBack = await WaitForStateAsync(host, id, "rolled_back");
        Assert.Equal("rollout-monitor", (string)rolledBack["decidedBy"]!);
        Assert.Contains("failure rate 100% (12/12)", (string)rolledBack["reason"]!);
        Assert.Equal(12, (int)rolledBack["lastCheck"]!["canaryTraces"]!);
        Assert.Contains(rolledBack["history"]!.AsArray(), h => (string)h!["action"]! == "rollout.rollback");
        Assert.Contains(rolledBack["history"]!.AsArray(), h => (string)h!["action"]! == "rollout.start");
        await WaitAsync(() => !alerts.IsEmpty, "the webhook alert");
        var alert = alerts.Single();
        Assert.Equal("HarnessRolloutEnded", (string)alert["type"]!);
        Assert.Equal(id, (string)alert["alert"]!["rolloutId"]!);
        // Rolled back: every unit gets the current version again.
        Assert.Equal(0, (await CountAsync(host, 200)).Canary);

        var second = (string)(await (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts", new { version = 3, share = 0.5 }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts/{second}/rollback", new { })).StatusCode);
        var promoted = await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts/{second}/promote", new { reason = "looks fine" });
        promoted.EnsureSuccessStatusCode();
        Assert.Equal("promoted", (string)(await promoted.Content.ReadFromJsonAsync<JsonObject>())!["state"]!);
        Assert.Equal(3, (int)(await host.Api.GetFromJsonAsync<JsonObject>($"/api/harness/current?agent={Agent}"))!["version"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts/{second}/rollback", new { reason = "late" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts/ro_nope/promote", new { })).StatusCode);

        var list = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/harnesses/{Agent}/rollouts"))!["rollouts"]!.AsArray();
        Assert.Equal(["promoted", "rolled_back"], list.Select(r => (string)r!["state"]!));
        Assert.Single(alerts); // a promotion is not an alert
    }

    private static async Task<(int Current, int Canary)> CountAsync(IngestHost host, int units)
    {
        var current = 0;
        var latest = (int)(await host.Api.GetFromJsonAsync<JsonObject>($"/api/harness/current?agent={Agent}"))!["version"]!;
        for (var u = 0; u < units; u++)
            if ((int)(await host.Api.GetFromJsonAsync<JsonObject>($"/api/harness/current?agent={Agent}&unit=user-{u}"))!["version"]! == latest) current++;
        return (current, units - current);
    }

    private static async Task SendAsync(IngestHost host, string version, bool failed)
    {
        var (request, _) = AgentTraffic.Trace(Agent, "Be brief.", Tools, failed, version);
        await AgentTraffic.SendAsync(host.Otlp, request);
    }

    private static async Task<JsonObject> WaitForStateAsync(IngestHost host, string id, string state)
    {
        JsonObject? rollout = null;
        await WaitAsync(async () =>
        {
            var list = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/harnesses/{Agent}/rollouts"))!["rollouts"]!.AsArray();
            rollout = list.Select(r => r!.AsObject()).Single(r => (string)r["id"]! == id);
            return (string)rollout["state"]! == state;
        }, $"rollout {id} to be {state}");
        return rollout!;
    }

    private static Task WaitAsync(Func<bool> done, string what) => WaitAsync(() => Task.FromResult(done()), what);

    private static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("waited 30 s for " + what);
            await Task.Delay(100);
        }
    }

    private static async Task CreateAsync(IngestHost host, string instructions) =>
        (await host.Api.PostAsJsonAsync("/api/harnesses", new { agent = Agent, instructions, tools = Tools.Select(t => new { name = t.Name, description = t.Description }) }))
            .EnsureSuccessStatusCode();
}
