using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

public sealed class ReviewTests
{
    /// <summary>The fixture's runs use a simulated model: approving their versions needs the explicit confirmation.</summary>
    internal static readonly object Confirmed = new { confirmSimulated = true };

    [Fact]
    public async Task Approving_makes_the_version_current_publishes_the_fact_and_is_audited_once()
    {
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline(), storedHarnesses: true, seedStored: true);
        using var http = host.Client();
        var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 2 });
        var run = await host.WaitForStatusAsync(http, id, "awaiting_review");
        var version = (int)run["harnessVersion"]!;

        var approved = await http.PostAsJsonAsync($"/api/optimizations/{id}/approve", ReviewTests.Confirmed);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(version, host.StoredCurrent("airline"));
        var fact = await host.Probe().WaitForAsync<HarnessVersionApproved>(a => a.OptimizationId == id);
        Assert.Equal((version, 1, "local-admin"), (fact.Version, fact.PreviousVersion, fact.ApprovedBy));
        run = await host.WaitForStatusAsync(http, id, "approved");
        Assert.Equal("approved", (string?)run["report"]!["status"]);
        Assert.Single(run["audit"]!.AsArray(), a => (string?)a!["action"] == "optimization.approve" && (string?)a["actor"] == "local-admin");
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsJsonAsync($"/api/optimizations/{id}/approve", ReviewTests.Confirmed)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsJsonAsync($"/api/optimizations/{id}/reject", new { reason = "late" })).StatusCode);
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_leaves_the_current_harness_alone()
    {
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline(), storedHarnesses: true, seedStored: true);
        using var http = host.Client();
        var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 1 });
        await host.WaitForStatusAsync(http, id, "awaiting_review");

        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync($"/api/optimizations/{id}/reject", new { reason = " " })).StatusCode);
        var huge = await http.PostAsJsonAsync($"/api/optimizations/{id}/reject", new { reason = new string('x', 4_001) });
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("limit is 4,000", await huge.Content.ReadAsStringAsync());
        var rejected = await http.PostAsJsonAsync($"/api/optimizations/{id}/reject", new { reason = "instructions read like a case list" });

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var run = await host.WaitForStatusAsync(http, id, "rejected");
        Assert.Equal("instructions read like a case list", (string?)run["decisionReason"]);
        Assert.Equal(1, host.StoredCurrent("airline"));
        Assert.Contains(run["audit"]!.AsArray(), a => (string?)a!["action"] == "optimization.reject");
    }

    /// <summary>
    /// Probe finding 2: approve made the version current before it recorded the decision, so an approve and a reject
    /// sent together could end with the run rejected and its version served. Now exactly one decision wins, and the
    /// served version always matches it.
    /// </summary>
    [Fact]
    public async Task An_approve_and_a_reject_sent_together_decide_once_and_a_rejected_version_is_never_served()
    {
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline(), storedHarnesses: true, seedStored: true);
        using var http = host.Client();
        for (var round = 0; round < 6; round++)
        {
            var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 1 });
            var run = await host.WaitForStatusAsync(http, id, "awaiting_review");
            var version = (int)run["harnessVersion"]!;
            var before = host.StoredCurrent("airline");
            using var go = new SemaphoreSlim(0);
            var approve = Task.Run(async () => { await go.WaitAsync(); return await http.PostAsJsonAsync($"/api/optimizations/{id}/approve", ReviewTests.Confirmed); });
            var reject = Task.Run(async () => { await go.WaitAsync(); return await http.PostAsJsonAsync($"/api/optimizations/{id}/reject", new { reason = "race" }); });
            go.Release(2);
            var (a, r) = (await approve, await reject);

            var statuses = new[] { a.StatusCode, r.StatusCode };
            Assert.Single(statuses, s => s == HttpStatusCode.OK);
            Assert.Single(statuses, s => s == HttpStatusCode.Conflict);
            run = await host.WaitForStatusAsync(http, id, "approved", "rejected");
            var served = (await http.GetFromJsonAsync<JsonObject>("/api/harness/current?agent=airline"))!;
            if ((string?)run["status"] == "approved") Assert.Equal(version, (int)served["version"]!);
            else Assert.Equal(before, (int)served["version"]!);
            Assert.Single(run["audit"]!.AsArray(), e => ((string?)e!["action"])!.StartsWith("optimization.approve") || (string?)e["action"] == "optimization.reject");
        }
    }

    [Fact]
    public async Task With_accounts_the_person_who_started_a_run_cannot_approve_it_and_viewers_cannot_decide()
    {
        var settings = new Dictionary<string, string?>
        {
            ["BetterHarness:Security:ApiKeys:0:Key"] = "key-alice", ["BetterHarness:Security:ApiKeys:0:Role"] = "curator", ["BetterHarness:Security:ApiKeys:0:Name"] = "alice",
            ["BetterHarness:Security:ApiKeys:1:Key"] = "key-bob", ["BetterHarness:Security:ApiKeys:1:Role"] = "curator", ["BetterHarness:Security:ApiKeys:1:Name"] = "bob",
            ["BetterHarness:Security:ApiKeys:2:Key"] = "key-vera", ["BetterHarness:Security:ApiKeys:2:Role"] = "viewer", ["BetterHarness:Security:ApiKeys:2:Name"] = "vera",
            ["BetterHarness:Security:ApiKeys:3:Key"] = "key-alice-ci", ["BetterHarness:Security:ApiKeys:3:Role"] = "curator", ["BetterHarness:Security:ApiKeys:3:Name"] = "alice-ci",
            ["BetterHarness:Security:ApiKeys:3:Owner"] = "alice",
            ["BetterHarness:EvalRuns:ApiKey"] = "key-alice",
        };
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline(), settings, storedHarnesses: true, seedStored: true);
        using var alice = host.Client("key-alice");
        using var aliceCi = host.Client("key-alice-ci");
        using var bob = host.Client("key-bob");
        using var vera = host.Client("key-vera");
        using var anonymous = host.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/optimizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vera.PostAsJsonAsync("/api/optimizations", new { agent = "airline" })).StatusCode);
        var id = await OptimizationApiTests.Start(alice, new { agent = "airline", maxIterations = 1 });
        await host.WaitForStatusAsync(vera, id, "awaiting_review");

        var own = await alice.PostAsJsonAsync($"/api/optimizations/{id}/approve", ReviewTests.Confirmed);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("cannot decide it", (string?)(await own.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
        // Probe finding 7: a key of the same person is the same principal, not a second pair of eyes.
        Assert.Equal(HttpStatusCode.Forbidden, (await aliceCi.PostAsJsonAsync($"/api/optimizations/{id}/approve", ReviewTests.Confirmed)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vera.PostAsJsonAsync($"/api/optimizations/{id}/approve", ReviewTests.Confirmed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.PostAsJsonAsync($"/api/optimizations/{id}/approve", ReviewTests.Confirmed)).StatusCode);
        var run = await host.WaitForStatusAsync(vera, id, "approved");
        Assert.Equal("bob", (string?)run["decidedBy"]);
    }
}
