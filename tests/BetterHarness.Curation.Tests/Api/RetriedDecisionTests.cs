using System.Net;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;

namespace BetterHarness.Curation.Tests.Api;

/// <summary>
/// Accept and reject are idempotent: a client that lost the answer (a 502 after the commit) sends the same request again
/// and gets the first answer back, while a different decision on a decided candidate is still a 409 that says why.
/// </summary>
public abstract class RetriedDecisionTests(SharedCurationHost shared)
{
    private CurationHost Host => shared.Host;

    [Fact]
    public async Task A_bulk_accept_sent_again_answers_the_same_cases_revisions_and_snapshot_and_changes_nothing()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidates = Enumerable.Range(0, 3).Select(_ => Candidates.Make(agent, ["tool_selection"])).ToArray();
        await Host.ProposeAsync(candidates);
        var request = new { action = "accept", candidateIds = candidates.Select(c => (string)c["id"]!), edits = new { mustPass = true } };

        var first = await Host.Api.Post("/api/review/bulk", request);
        var again = await Host.Api.Post("/api/review/bulk", request);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.All(again["accepted"]!.AsArray(), a => Assert.Equal(1, (int)a!["revision"]!));
        Assert.Single((await Host.Api.Get($"/api/evals/snapshots?agent={agent}"))["snapshots"]!.AsArray());
        var cases = (await Host.Api.Get($"/api/evals?agent={agent}"))["cases"]!.AsArray();
        Assert.Equal(3, cases.Count);
        Assert.All(cases, c => Assert.Equal(1, (int)c!["revision"]!));
        await shared.Sink.WaitForAsync<EvalSetChanged>(m => m.Agent == agent);
        await Task.Delay(300); // a second fact, had the retry published one, would be here by now
        Assert.Single(shared.Sink.Received.OfType<EvalSetChanged>(), m => m.Agent == agent);
        Assert.Equal(3, shared.Sink.Received.OfType<EvalCaseAccepted>().Count(m => m.Agent == agent));
        var caseId = (string)cases[0]!["id"]!;
        Assert.Single((await Host.Api.Get($"/api/audit?subject={caseId}"))["entries"]!.AsArray());
    }

    [Fact]
    public async Task A_single_accept_sent_again_answers_as_the_first_one_did()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["followup_quality"]);
        await Host.ProposeAsync(candidate);
        var edits = new { expected = new { behaviour = "Book economy on HAT001." }, category = "followup_quality" };

        var first = await Host.Api.Post($"/api/review/{candidate["id"]}/accept", edits);
        var again = await Host.Api.Post($"/api/review/{candidate["id"]}/accept", edits);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal("accepted", (string)again["status"]!);
        Assert.StartsWith("snap_", (string)again["snapshotId"]!);
    }

    [Fact]
    public async Task A_retry_that_mixes_decided_and_pending_candidates_accepts_the_pending_ones()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var (early, late) = (Candidates.Make(agent, ["tool_selection"]), Candidates.Make(agent, ["tool_selection"]));
        await Host.ProposeAsync(early, late);
        var single = await Host.Api.Post($"/api/review/{early["id"]}/accept");

        var bulk = await Host.Api.Post("/api/review/bulk", new { action = "accept", candidateIds = new[] { (string)early["id"]!, (string)late["id"]! } });

        var byId = bulk["accepted"]!.AsArray().ToDictionary(a => (string)a!["candidateId"]!, a => a!);
        Assert.Equal((string)single["caseId"]!, (string)byId[(string)early["id"]!]["caseId"]!);
        Assert.Equal("accepted", (string)byId[(string)late["id"]!]["status"]!);
        Assert.Equal(2, (int)Assert.Single(bulk["snapshots"]!.AsArray())!["caseCount"]!);
    }

    [Fact]
    public async Task A_different_decision_on_a_decided_candidate_is_a_conflict_that_says_why()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var (accepted, rejected) = (Candidates.Make(agent, ["tool_selection"]), Candidates.Make(agent, ["tool_selection"]));
        await Host.ProposeAsync(accepted, rejected);
        var caseId = (string)(await Host.Api.Post($"/api/review/{accepted["id"]}/accept", new { mustPass = true }))["caseId"]!;
        await Host.Api.Post($"/api/review/{rejected["id"]}/reject", new { reason = "the user was joking" });

        var reject = await Host.Api.Post($"/api/review/{accepted["id"]}/reject", new { reason = "changed my mind" }, HttpStatusCode.Conflict);
        Assert.Contains($"already accepted by local-admin as case {caseId} (revision 1)", (string)reject["error"]!);
        Assert.Contains($"/api/evals/{caseId}/retire", (string)reject["error"]!);
        var otherEdits = await Host.Api.Post($"/api/review/{accepted["id"]}/accept", new { mustPass = false }, HttpStatusCode.Conflict);
        Assert.Contains("with other edits", (string)otherEdits["error"]!);
        var accept = await Host.Api.Post($"/api/review/{rejected["id"]}/accept", null, HttpStatusCode.Conflict);
        Assert.Contains("already rejected by local-admin (the user was joking)", (string)accept["error"]!);
        var bulk = await Host.Api.Post("/api/review/bulk", new { action = "reject", candidateIds = new[] { (string)rejected["id"]!, (string)accepted["id"]! },
            reason = "the user was joking" }, HttpStatusCode.Conflict);
        Assert.Contains((string)accepted["id"]!, (string)bulk["error"]!);

        // The same rejection again is no conflict.
        var rejectAgain = await Host.Api.Post($"/api/review/{rejected["id"]}/reject", new { reason = "the user was joking" });
        Assert.Equal("rejected", (string)rejectAgain["status"]!);
        Assert.Equal("active", (string)(await Host.Api.Get($"/api/evals/{caseId}"))["status"]!);
        Assert.Single((await Host.Api.Get($"/api/audit?subject={rejected["id"]}"))["entries"]!.AsArray(), e => (string)e!["action"]! == "reject");
    }
}

public sealed class RetriedDecisionTestsOnSqlite(SharedCurationHostOnSqlite shared) : RetriedDecisionTests(shared), IClassFixture<SharedCurationHostOnSqlite>;

public sealed class RetriedDecisionTestsOnPostgres(SharedCurationHostOnPostgres shared) : RetriedDecisionTests(shared), IClassFixture<SharedCurationHostOnPostgres>;
