using System.Net;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.Curation.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Curation.Tests.Api;

public abstract class ReviewFlowTests(SharedCurationHost shared)
{
    private CurationHost Host => shared.Host;

    [Fact]
    public async Task A_proposed_candidate_is_queued_with_content_read_from_mining()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["tool_selection", "followup_quality"], support: 2, clusterId: "fc-1");
        await Host.ProposeAsync(candidate);

        var list = await Host.Api.Get($"/api/review?agent={agent}");
        var item = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal((string)candidate["id"]!, (string)item["candidateId"]!);
        Assert.Equal("pending", (string)item["status"]!);
        Assert.Equal(2, (int)item["supportCount"]!);
        Assert.Equal("fc-1", (string)item["clusterId"]!);
        Assert.Equal(["followup_quality", "tool_selection"], item["tags"]!.AsArray().Select(t => (string)t!).Order());
        Assert.Equal("passed", (string)item["oracle"]!["status"]!);
        Assert.Equal(agent, (string)item["agent"]!);
        Assert.Single((await Host.Api.Get($"/api/review?tag=tool_selection&cluster=fc-1&agent={agent}"))["items"]!.AsArray());
        Assert.Empty((await Host.Api.Get($"/api/review?tag=factuality&agent={agent}"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Accept_with_edits_stores_a_case_with_its_revision_snapshot_and_audit_entry()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["followup_quality"]);
        await Host.ProposeAsync(candidate);
        var id = (string)candidate["id"]!;

        var accepted = await Host.Api.Post($"/api/review/{id}/accept", new
        {
            expected = new { behaviour = "Book economy on HAT001 without asking again." },
            tags = new[] { "followup_quality", "multi_step" },
            category = "followup_quality",
            mustPass = true,
        });
        var caseId = (string)accepted["caseId"]!;
        Assert.Equal(1, (int)accepted["revision"]!);
        Assert.StartsWith("snap_", (string)accepted["snapshotId"]!);

        var stored = await Host.Api.Get($"/api/evals/{caseId}");
        Assert.Equal("betterharness.eval-case/v1", (string)stored["schema"]!);
        Assert.Equal(agent, (string)stored["agent"]!);
        Assert.Equal("followup_quality", (string)stored["category"]!);
        Assert.True((bool)stored["mustPass"]!);
        Assert.Equal("optimization", (string)stored["split"]!);
        Assert.Equal("active", (string)stored["status"]!);
        Assert.Equal(id, (string)stored["sourceCandidateId"]!);
        Assert.Equal("Book economy on HAT001 without asking again.", (string)stored["expected"]!["behaviour"]!);
        Assert.Equal("Economy, I already said that.", (string)stored["expected"]!["correction"]!);
        Assert.NotNull(stored["input"]!["messages"]);

        var listed = Assert.Single((await Host.Api.Get($"/api/evals?agent={agent}"))["cases"]!.AsArray())!;
        foreach (var field in new[] { "id", "agent", "revision", "category", "tags", "split", "mustPass", "status", "sourceCandidateId" })
            Assert.NotNull(listed[field]);
        Assert.Equal("accepted", (string)(await Host.Api.Get($"/api/review/{id}"))["status"]!);
        var audit = (await Host.Api.Get($"/api/audit?subject={caseId}"))["entries"]!.AsArray();
        Assert.Equal("accept", (string)audit[0]!["action"]!);
        Assert.Equal("local-admin", (string)audit[0]!["actor"]!);

        var again = await Host.Api.Post($"/api/review/{id}/accept", null, HttpStatusCode.Conflict);
        Assert.Contains(caseId, (string)again["error"]!);
    }

    [Fact]
    public async Task Reject_needs_a_reason_and_takes_the_candidate_out_of_the_queue()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["tool_selection"]);
        await Host.ProposeAsync(candidate);
        var id = (string)candidate["id"]!;

        var missing = await Host.Api.Post($"/api/review/{id}/reject", new { }, HttpStatusCode.BadRequest);
        Assert.Contains("reason", (string)missing["error"]!);
        await Host.Api.Post($"/api/review/{id}/reject", new { reason = "the user was joking" });

        Assert.Empty((await Host.Api.Get($"/api/review?agent={agent}"))["items"]!.AsArray());
        var rejected = Assert.Single((await Host.Api.Get($"/api/review?agent={agent}&status=rejected"))["items"]!.AsArray())!;
        Assert.Equal("the user was joking", (string)rejected["reason"]!);
        Assert.Empty((await Host.Api.Get($"/api/evals?agent={agent}"))["cases"]!.AsArray());
        Assert.Equal("reject", (string)(await Host.Api.Get($"/api/audit?subject={id}"))["entries"]![0]!["action"]!);
    }

    [Fact]
    public async Task Bulk_accept_yields_one_snapshot_for_all_its_cases()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidates = Enumerable.Range(0, 4).Select(_ => Candidates.Make(agent, ["tool_selection"])).ToArray();
        await Host.ProposeAsync(candidates);
        var before = (await Host.Api.Get($"/api/evals/snapshots?agent={agent}"))["snapshots"]!.AsArray().Count;

        var bulk = await Host.Api.Post("/api/review/bulk", new { action = "accept", candidateIds = candidates.Select(c => (string)c["id"]!) });

        var snapshots = (await Host.Api.Get($"/api/evals/snapshots?agent={agent}"))["snapshots"]!.AsArray();
        Assert.Equal(before + 1, snapshots.Count);
        Assert.Equal((string)bulk["snapshotId"]!, (string)snapshots[0]!["id"]!);
        Assert.Equal(4, (int)snapshots[0]!["caseCount"]!);
        Assert.Equal(4, (await Host.Api.Lines($"/api/evals/snapshots/{bulk["snapshotId"]}/export")).Count);
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_bad_bodies_400()
    {
        await Host.Api.Post("/api/review/cand_nope/accept", null, HttpStatusCode.NotFound);
        await Host.Api.Post("/api/review/cand_nope/reject", new { reason = "x" }, HttpStatusCode.NotFound);
        await Host.Api.Get("/api/review/cand_nope", HttpStatusCode.NotFound);
        await Host.Api.Get("/api/evals/case_nope", HttpStatusCode.NotFound);
        await Host.Api.Send(HttpMethod.Patch, "/api/evals/case_nope", new { mustPass = true }, HttpStatusCode.NotFound);
        await Host.Api.Post("/api/evals/case_nope/retire", new { reason = "x" }, HttpStatusCode.NotFound);
        await Host.Api.Get("/api/evals/snapshots/snap_nope", HttpStatusCode.NotFound);
        await Host.Api.Get("/api/evals/snapshots/snap_nope/export", HttpStatusCode.NotFound);

        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["tool_selection"]);
        await Host.ProposeAsync(candidate);
        var id = (string)candidate["id"]!;
        Assert.Contains("not valid JSON", (string)(await Host.Api.Post($"/api/review/{id}/accept", "{oops", HttpStatusCode.BadRequest))["error"]!);
        Assert.Contains("unknown field", (string)(await Host.Api.Post($"/api/review/{id}/accept", new { colour = "red" }, HttpStatusCode.BadRequest))["error"]!);
        Assert.Contains("graders[0]", (string)(await Host.Api.Post($"/api/review/{id}/accept", new { graders = new[] { new { type = "tool_called" } } }, HttpStatusCode.BadRequest))["error"]!);
        Assert.Contains("mustPass", (string)(await Host.Api.Post($"/api/review/{id}/accept", new { mustPass = "yes" }, HttpStatusCode.BadRequest))["error"]!);
        Assert.Contains("action", (string)(await Host.Api.Post("/api/review/bulk", new { action = "explode", candidateIds = new[] { id } }, HttpStatusCode.BadRequest))["error"]!);
        Assert.Contains("candidateIds", (string)(await Host.Api.Post("/api/review/bulk", new { action = "accept" }, HttpStatusCode.BadRequest))["error"]!);
        await Host.Api.Get("/api/review?status=weird", HttpStatusCode.BadRequest);
        await Host.Api.Get("/api/evals?split=train", HttpStatusCode.BadRequest);
        await Host.Api.Get("/api/review?limit=0", HttpStatusCode.BadRequest);
        Assert.Equal("pending", (string)(await Host.Api.Get($"/api/review/{id}"))["status"]!);
    }

    [Fact]
    public async Task Accepting_publishes_the_case_and_the_new_snapshot_through_the_outbox()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["tool_selection"]);
        await Host.ProposeAsync(candidate);
        var accepted = await Host.Api.Post($"/api/review/{candidate["id"]}/accept");

        await shared.Sink.WaitForAsync<EvalSetChanged>(m => m.Agent == agent);
        await shared.Sink.WaitForAsync<EvalCaseAccepted>(m => m.Agent == agent);
        var sent = shared.Sink.Received;
        var set = Assert.Single(sent.OfType<EvalSetChanged>(), m => m.Agent == agent);
        Assert.Equal((string)accepted["snapshotId"]!, set.SnapshotId);
        var evalCase = Assert.Single(sent.OfType<EvalCaseAccepted>(), m => m.Agent == agent);
        Assert.Equal((string)accepted["caseId"]!, evalCase.CaseId);
        Assert.Equal(set.SnapshotId, evalCase.SnapshotId);
    }
}

public sealed class ReviewFlowTestsOnSqlite(SharedCurationHostOnSqlite shared) : ReviewFlowTests(shared), IClassFixture<SharedCurationHostOnSqlite>;

public sealed class ReviewFlowTestsOnPostgres(SharedCurationHostOnPostgres shared) : ReviewFlowTests(shared), IClassFixture<SharedCurationHostOnPostgres>;
