using System.Net;
using BetterHarness.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace BetterHarness.Curation.Tests.Api;

/// <summary>Concurrent reviewers: leases, their expiry, skip, next, and N-reviewer mode.</summary>
public abstract class LeaseTests(StoreEngine engine)
{
    private Dictionary<string, string?> TwoCurators(string lease = "00:05:00", int accepts = 1) => new(engine.NewStorage())
    {
        ["BetterHarness:ApiKeys:0"] = "admin-key",
        ["BetterHarness:Security:ApiKeys:0:Key"] = "ann-key",
        ["BetterHarness:Security:ApiKeys:0:Role"] = "curator",
        ["BetterHarness:Security:ApiKeys:0:Name"] = "ann",
        ["BetterHarness:Security:ApiKeys:1:Key"] = "bob-key",
        ["BetterHarness:Security:ApiKeys:1:Role"] = "curator",
        ["BetterHarness:Security:ApiKeys:1:Name"] = "bob",
        ["BetterHarness:Curation:LeaseDuration"] = lease,
        ["BetterHarness:Curation:RequiredAccepts"] = accepts.ToString(),
    };

    [Fact]
    public async Task A_leased_item_is_held_for_its_reviewer_until_the_lease_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await CurationHost.StartAsync(TwoCurators(lease: "00:01:00"), adminKey: "admin-key", clock);
        var candidate = Candidates.Make("agent-lease", ["tool_selection"]);
        await host.ProposeAsync(candidate);
        var id = (string)candidate["id"]!;
        using var ann = host.Client("ann-key");
        using var bob = host.Client("bob-key");

        var lease = await ann.Post($"/api/review/{id}/lease");
        Assert.Equal("ann", (string)lease["leasedBy"]!);
        Assert.Equal("ann", (string)(await bob.Get($"/api/review/{id}"))["leasedBy"]!);
        Assert.Contains("ann", (string)(await bob.Post($"/api/review/{id}/accept", null, HttpStatusCode.Conflict))["error"]!);
        await bob.Post($"/api/review/{id}/lease", null, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await bob.PostAsync("/api/review/next", null)).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(61));   // the lease runs out on its own
        var next = await bob.Post("/api/review/next");
        Assert.Equal(id, (string)next["candidateId"]!);
        Assert.Equal("bob", (string)next["leasedBy"]!);
        await bob.Post($"/api/review/{id}/accept");
    }

    [Fact]
    public async Task Skip_releases_the_item_to_others_and_next_hands_out_each_item_once()
    {
        await using var host = await CurationHost.StartAsync(TwoCurators(), adminKey: "admin-key");
        var first = Candidates.Make("agent-skip", ["tool_selection"]);
        var second = Candidates.Make("agent-skip", ["tool_selection"]);
        await host.ProposeAsync(first);
        await host.ProposeAsync(second);
        using var ann = host.Client("ann-key");
        using var bob = host.Client("bob-key");

        var annFirst = (string)(await ann.Post("/api/review/next"))["candidateId"]!;
        Assert.Equal(annFirst, (string)(await ann.Post("/api/review/next"))["candidateId"]!);   // her lease comes back first
        var bobFirst = (string)(await bob.Post("/api/review/next"))["candidateId"]!;
        Assert.NotEqual(annFirst, bobFirst);

        await ann.Post($"/api/review/{annFirst}/skip");
        Assert.Null((await ann.Get($"/api/review/{annFirst}"))["leasedBy"]);
        Assert.Equal(HttpStatusCode.NoContent, (await ann.PostAsync("/api/review/next", null)).StatusCode);
        Assert.Contains("ann", (await bob.Get($"/api/review/{annFirst}"))["skippedBy"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(HttpStatusCode.NoContent, (await ann.DeleteAsync($"/api/review/{annFirst}/lease")).StatusCode);
        await ann.Send(HttpMethod.Delete, $"/api/review/{bobFirst}/lease", null, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task In_two_reviewer_mode_a_case_needs_accepts_from_two_people()
    {
        await using var host = await CurationHost.StartAsync(TwoCurators(accepts: 2), adminKey: "admin-key");
        var candidate = Candidates.Make("agent-two", ["tool_selection"]);
        await host.ProposeAsync(candidate);
        var id = (string)candidate["id"]!;
        using var ann = host.Client("ann-key");
        using var bob = host.Client("bob-key");

        var vote = await ann.Post($"/api/review/{id}/accept", new { mustPass = true, expected = new { behaviour = "Book it." } });
        Assert.Equal("pending", (string)vote["status"]!);
        Assert.Null(vote["caseId"]);
        Assert.Equal(1, (int)vote["accepts"]!);
        var again = await ann.Post($"/api/review/{id}/accept");
        Assert.Equal(1, (int)again["accepts"]!);   // the same person twice is one accept

        var accepted = await bob.Post($"/api/review/{id}/accept", new { mustPass = true });
        Assert.Equal("accepted", (string)accepted["status"]!);
        var stored = await bob.Get($"/api/evals/{accepted["caseId"]}");
        Assert.Equal("Book it.", (string)stored["expected"]!["behaviour"]!);   // ann's edit was kept
        Assert.Equal(["ann", "bob"], (await bob.Get($"/api/review/{id}"))["acceptedBy"]!.AsArray().Select(a => (string)a!));
    }
}

public sealed class LeaseTestsOnSqlite(SqliteEngine engine) : LeaseTests(engine), IClassFixture<SqliteEngine>;

public sealed class LeaseTestsOnPostgres(PostgresEngine engine) : LeaseTests(engine), IClassFixture<PostgresEngine>;
