using System.Net;
using BetterHarness.Contracts;

namespace BetterHarness.Curation.Tests.Api;

/// <summary>
/// A newer revision of an accepted case's source trace (feedback arrived after the accept) is queued as a revision of that
/// case: accepting it adds a revision, and the case keeps its id and its split side, so one trace never yields two active cases.
/// </summary>
public abstract class CaseRevisionTests(SharedCurationHost shared)
{
    private CurationHost Host => shared.Host;

    [Fact]
    public async Task A_newer_revision_of_an_accepted_cases_trace_is_accepted_as_a_revision_of_that_case()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var traceId = Candidates.NewTraceId();
        var first = Candidates.Make(agent, ["tool_selection"], traceId: traceId);
        await Host.ProposeAsync(first);
        var accepted = await Host.Api.Post($"/api/review/{first["id"]}/accept", new { mustPass = true, category = "tool_selection" });
        var caseId = (string)accepted["caseId"]!;
        var split = (string)(await Host.Api.Get($"/api/evals/{caseId}"))["split"]!;

        // Mining's order for a trace's newer revision: the old candidate goes (superseded), the new one comes.
        var newer = Candidates.Make(agent, ["tool_selection", "multi_step"], traceId: traceId, revision: 2, summary: "after the user's feedback");
        await Host.PublishAsync(Candidates.Withdrawal(first, (string)newer["id"]!));
        await Host.ProposeAsync(newer);

        var queued = Assert.Single((await Host.Api.Get($"/api/review?agent={agent}"))["items"]!.AsArray())!;
        Assert.Equal(caseId, (string?)queued["revisesCaseId"]);
        Assert.Equal(caseId, (string?)(await Host.Api.Get($"/api/review/{newer["id"]}"))["revisesCaseId"]);
        Assert.Equal("accepted", (string)(await Host.Api.Get($"/api/review/{first["id"]}"))["status"]!);

        var revision = await Host.Api.Post($"/api/review/{newer["id"]}/accept");
        Assert.Equal(caseId, (string)revision["caseId"]!);
        Assert.Equal(2, (int)revision["revision"]!);
        var stored = Assert.Single((await Host.Api.Get($"/api/evals?agent={agent}"))["cases"]!.AsArray())!;
        Assert.Equal(caseId, (string)stored["id"]!);
        Assert.Equal(2, (int)stored["revision"]!);
        Assert.Equal(split, (string)stored["split"]!);
        Assert.Equal("tool_selection", (string)stored["category"]!);
        Assert.True((bool)stored["mustPass"]!);
        Assert.Equal("after the user's feedback", (string)(await Host.Api.Get($"/api/evals/{caseId}"))["summary"]!);
        var fact = await shared.Sink.WaitForAsync<EvalCaseAccepted>(m => m.CaseId == caseId && m.Revision == 2);
        Assert.Equal((string)newer["id"]!, fact.SourceCandidateId);
        Assert.Equal(split, fact.Split);
    }

    [Fact]
    public async Task A_later_revision_still_revises_the_case_when_the_pending_revision_was_superseded_or_rejected()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var traceId = Candidates.NewTraceId();
        var first = Candidates.Make(agent, ["tool_selection"], traceId: traceId);
        await Host.ProposeAsync(first);
        var caseId = (string)(await Host.Api.Post($"/api/review/{first["id"]}/accept"))["caseId"]!;
        var second = Candidates.Make(agent, ["tool_selection"], traceId: traceId, revision: 2);
        await Host.PublishAsync(Candidates.Withdrawal(first, (string)second["id"]!));
        await Host.ProposeAsync(second);
        await Host.Api.Post($"/api/review/{second["id"]}/reject", new { reason = "the first wording was better" });

        var third = Candidates.Make(agent, ["tool_selection"], traceId: traceId, revision: 3);
        await Host.ProposeAsync(third);

        Assert.Equal(caseId, (string?)(await Host.Api.Get($"/api/review/{third["id"]}"))["revisesCaseId"]);
        Assert.Equal(1, (int)(await Host.Api.Get($"/api/evals/{caseId}"))["revision"]!);
    }

    [Fact]
    public async Task A_newer_revision_of_a_retired_cases_trace_is_a_new_candidate()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var traceId = Candidates.NewTraceId();
        var first = Candidates.Make(agent, ["tool_selection"], traceId: traceId);
        await Host.ProposeAsync(first);
        var caseId = (string)(await Host.Api.Post($"/api/review/{first["id"]}/accept"))["caseId"]!;
        await Host.Api.Post($"/api/evals/{caseId}/retire", new { reason = "obsolete" });

        var newer = Candidates.Make(agent, ["tool_selection"], traceId: traceId, revision: 2);
        await Host.ProposeAsync(newer);

        Assert.Null((await Host.Api.Get($"/api/review/{newer["id"]}"))["revisesCaseId"]);
        var accepted = await Host.Api.Post($"/api/review/{newer["id"]}/accept");
        Assert.NotEqual(caseId, (string)accepted["caseId"]!);
        Assert.Equal(1, (int)accepted["revision"]!);
    }
}

/// <summary>The auto-accept policy never takes a revision of a case a person accepted: a person decides a change to it.</summary>
public sealed class RevisionAutoAcceptTests
{
    [Fact]
    public async Task A_revision_waits_for_a_person_even_when_the_policy_would_admit_it()
    {
        await using var host = await CurationHost.StartAsync(new()
        {
            ["BetterHarness:Curation:AutoAccept"] = "true",
            ["BetterHarness:Curation:AutoAcceptMinSupport"] = "1",
            ["BetterHarness:Curation:AutoAcceptMinDetectorScore"] = "0.8",
        });
        var traceId = Candidates.NewTraceId();
        var first = Candidates.Make("agent-rev", ["tool_selection"], traceId: traceId, score: 0.95);
        await host.ProposeAsync(first);
        var accepted = await host.WaitForAsync((string)first["id"]!, i => (string)i["status"]! == "accepted");

        var newer = Candidates.Make("agent-rev", ["tool_selection"], traceId: traceId, revision: 2, score: 0.95);
        await host.ProposeAsync(newer);
        await Task.Delay(500);

        var item = await host.Api.Get($"/api/review/{newer["id"]}");
        Assert.Equal("pending", (string)item["status"]!);
        Assert.Equal((string)accepted["caseId"]!, (string?)item["revisesCaseId"]);
        await host.Api.Get($"/api/evals/{accepted["caseId"]}", HttpStatusCode.OK);
    }
}

public sealed class CaseRevisionTestsOnSqlite(SharedCurationHostOnSqlite shared) : CaseRevisionTests(shared), IClassFixture<SharedCurationHostOnSqlite>;

public sealed class CaseRevisionTestsOnPostgres(SharedCurationHostOnPostgres shared) : CaseRevisionTests(shared), IClassFixture<SharedCurationHostOnPostgres>;
