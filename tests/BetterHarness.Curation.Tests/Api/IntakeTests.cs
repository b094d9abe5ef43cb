using System.Text.Json.Nodes;
using BetterHarness.Curation.Review;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Curation.Tests.Api;

/// <summary>What EvalCandidateProposed does to the queue: idempotent upserts, updates from newer revisions, supersession, oracle, auto-accept.</summary>
public abstract class IntakeTests(SharedCurationHost shared)
{
    private CurationHost Host => shared.Host;

    [Fact]
    public async Task A_redelivered_proposal_changes_nothing()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["tool_selection"]);
        await Host.ProposeAsync(candidate);
        await Host.PublishAsync(Candidates.Proposal(candidate));
        await Host.PublishAsync(Candidates.Proposal(candidate));
        await Host.WaitForAsync((string)candidate["id"]!, i => (bool)i["fetched"]!);

        var items = (await Host.Api.Get($"/api/review?agent={agent}&status=all"))["items"]!.AsArray();
        Assert.Single(items);
        Assert.Equal(1, (int)items[0]!["supportCount"]!);
    }

    [Fact]
    public async Task A_newer_revision_of_the_source_trace_updates_the_queued_candidate()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var traceId = Candidates.NewTraceId();
        var candidate = Candidates.Make(agent, ["tool_selection"], traceId: traceId, summary: "first wording");
        await Host.ProposeAsync(candidate);

        var revised = Candidates.Make(agent, ["tool_selection", "multi_step"], id: (string)candidate["id"]!, traceId: traceId, revision: 2,
            summary: "second wording", support: 2);
        await Host.PublishAsync(Candidates.Proposal(revised));

        var item = await Host.WaitForAsync((string)candidate["id"]!, i => (string)i["summary"]! == "second wording");
        Assert.Equal(2, (int)item["supportCount"]!);
        Assert.Equal(["multi_step", "tool_selection"], item["tags"]!.AsArray().Select(t => (string)t!).Order());
        Assert.Equal("second wording", (string)item["candidate"]!["summary"]!);
    }

    [Fact]
    public async Task An_older_proposal_redelivered_late_does_not_overwrite_the_newer_content()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["tool_selection"], summary: "older wording");
        var older = Candidates.Proposal(candidate);
        candidate["summary"] = "newer wording";
        var newer = Candidates.Proposal(candidate) with { At = older.At.AddSeconds(1) };
        var queue = Host.Services.GetRequiredService<QueueStore>();
        Assert.True(queue.Propose(newer, newer.Case!));

        Assert.False(queue.Propose(older, older.Case!));
        var item = await Host.Api.Get($"/api/review/{candidate["id"]}");
        Assert.Equal("newer wording", (string)item["summary"]!);
        Assert.Equal("newer wording", (string)item["candidate"]!["summary"]!);
    }

    [Fact]
    public async Task A_candidate_mining_withdrew_is_superseded_by_the_one_its_trace_now_feeds()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var traceId = Candidates.NewTraceId();
        var gone = Candidates.Make(agent, ["tool_selection"], traceId: traceId);
        await Host.ProposeAsync(gone);
        var successor = Candidates.Make(agent, ["tool_selection"], traceId: traceId, revision: 2);
        await Host.ProposeAsync(successor);
        await Host.PublishAsync(Candidates.Withdrawal(gone, (string)successor["id"]!));

        var old = await Host.WaitForAsync((string)gone["id"]!, i => (string)i["status"]! == "superseded");
        Assert.Equal((string)successor["id"]!, (string?)old["supersededBy"]);
        var pending = (await Host.Api.Get($"/api/review?agent={agent}"))["items"]!.AsArray();
        Assert.Equal((string)successor["id"]!, (string)Assert.Single(pending)!["candidateId"]!);
    }

    [Fact]
    public async Task The_oracle_marks_a_grader_a_correct_agent_would_fail()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var verbatim = Candidates.Make(agent, ["tool_selection"], graders: new JsonArray(
            new JsonObject { ["type"] = "tool_called", ["tool"] = "book_flight", ["arguments"] = new JsonObject { ["flight"] = "HAT001" } },
            new JsonObject { ["type"] = "tool_called", ["tool"] = "book_flight", ["arguments"] = new JsonObject { ["note"] = "User asked for economy on HAT001 and had already said so twice" } },
            new JsonObject { ["type"] = "tool_not_called", ["tool"] = "book_flight" },
            new JsonObject { ["type"] = "llm_judge", ["rubric"] = "Books without asking again." }));
        await Host.ProposeAsync(verbatim);

        var item = Assert.Single((await Host.Api.Get($"/api/review?agent={agent}"))["items"]!.AsArray())!;
        var oracle = item["oracle"]!;
        Assert.Equal("failed", (string)oracle["status"]!);
        var failures = oracle["failures"]!.AsArray();
        Assert.Equal([1, 2], failures.Select(f => (int)f!["grader"]!));
        Assert.Contains("free-text argument 'note'", (string)failures[0]!["reason"]!);
        Assert.Contains("book_flight was called", (string)failures[1]!["reason"]!);
        Assert.Equal([3], oracle["notGraded"]!.AsArray().Select(n => (int)n!));
    }
}

/// <summary>The auto-accept policy: off by default; when on, well-supported, confidently detected, passable candidates skip the queue.</summary>
public sealed class AutoAcceptTests
{
    [Fact]
    public async Task Well_supported_confident_candidates_are_accepted_and_marked()
    {
        await using var host = await CurationHost.StartAsync(new()
        {
            ["BetterHarness:Curation:AutoAccept"] = "true",
            ["BetterHarness:Curation:AutoAcceptMinSupport"] = "2",
            ["BetterHarness:Curation:AutoAcceptMinDetectorScore"] = "0.8",
        });
        var strong = Candidates.Make("agent-auto", ["tool_selection"], support: 3, score: 0.95);
        var rare = Candidates.Make("agent-auto", ["tool_selection"], support: 1, score: 0.95);
        var unsure = Candidates.Make("agent-auto", ["tool_selection"], support: 3, score: 0.5);
        var failing = Candidates.Make("agent-auto", ["tool_selection"], support: 3, score: 0.95,
            graders: new JsonArray(new JsonObject { ["type"] = "tool_called", ["tool"] = "cancel_flight" }));
        await host.ProposeAsync(strong, rare, unsure, failing);

        var accepted = await host.WaitForAsync((string)strong["id"]!, i => (string)i["status"]! == "accepted");
        var stored = await host.Api.Get($"/api/evals/{accepted["caseId"]}");
        Assert.True((bool)stored["autoAccepted"]!);
        Assert.Equal("auto-accept", (string)(await host.Api.Get($"/api/audit?subject={accepted["caseId"]}"))["entries"]![0]!["actor"]!);
        foreach (var c in new[] { rare, unsure, failing })
            Assert.Equal("pending", (string)(await host.Api.Get($"/api/review/{c["id"]}"))["status"]!);
    }

    [Fact]
    public async Task Auto_accept_is_off_by_default()
    {
        await using var host = await CurationHost.StartAsync();
        var strong = Candidates.Make("agent-manual", ["tool_selection"], support: 50, score: 0.99);
        await host.ProposeAsync(strong);
        Assert.Equal("pending", (string)(await host.Api.Get($"/api/review/{strong["id"]}"))["status"]!);
    }
}

public sealed class IntakeTestsOnSqlite(SharedCurationHostOnSqlite shared) : IntakeTests(shared), IClassFixture<SharedCurationHostOnSqlite>;

public sealed class IntakeTestsOnPostgres(SharedCurationHostOnPostgres shared) : IntakeTests(shared), IClassFixture<SharedCurationHostOnPostgres>;
