using System.Net;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;

namespace BetterHarness.Curation.Tests.Api;

/// <summary>Decisions on correction-derived candidates are verdicts on the correction, published for mining's detector.</summary>
public abstract class VerdictTests(SharedCurationHost shared)
{
    private CurationHost Host => shared.Host;

    [Fact]
    public async Task Rejecting_as_not_a_correction_publishes_a_negative_verdict_with_the_source_turn_and_who()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["tool_selection"]);
        await Host.ProposeAsync(candidate);
        var id = (string)candidate["id"]!;

        var answer = await Host.Api.Post($"/api/review/{id}/reject", new { verdict = "not_a_correction" });

        Assert.Equal("not a correction", (string)answer["reason"]!);
        var verdict = await Host.Probe.WaitForAsync<CorrectionVerdictGiven>(v => v.CandidateId == id);
        Assert.False(verdict.IsCorrection);
        Assert.Equal("reject", verdict.Decision);
        Assert.Equal(agent, verdict.Agent);
        Assert.Equal("local-admin", verdict.By);
        var source = Assert.Single(verdict.Sources);
        Assert.Equal((string)candidate["provenance"]!["sources"]![0]!["traceId"]!, source.TraceId);
        Assert.Equal("Economy, I already said that.", source.Correction);
    }

    [Fact]
    public async Task Correct_but_not_useful_and_accept_are_positive_verdicts_and_another_reason_is_none()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var (notUseful, accepted, other) = (Candidates.Make(agent, ["tool_selection"]), Candidates.Make(agent, ["tool_selection"]),
            Candidates.Make(agent, ["tool_selection"]));
        await Host.ProposeAsync(notUseful, accepted, other);

        await Host.Api.Post($"/api/review/{notUseful["id"]}/reject", new { verdict = "correct_but_not_useful", reason = "we have ten like it" });
        await Host.Api.Post($"/api/review/{accepted["id"]}/accept", null);
        await Host.Api.Post($"/api/review/{other["id"]}/reject", new { reason = "unsafe content" });

        Assert.True((await Host.Probe.WaitForAsync<CorrectionVerdictGiven>(v => v.CandidateId == (string)notUseful["id"]!)).IsCorrection);
        var accept = await Host.Probe.WaitForAsync<CorrectionVerdictGiven>(v => v.CandidateId == (string)accepted["id"]!);
        Assert.True(accept.IsCorrection);
        Assert.Equal("accept", accept.Decision);
        // Both verdicts above were published after the plain reject's transaction began; give a stray one time to arrive anyway.
        await Task.Delay(300);
        Assert.DoesNotContain(Host.Probe.Received.OfType<CorrectionVerdictGiven>(), v => v.CandidateId == (string)other["id"]!);
    }

    [Fact]
    public async Task A_candidate_mined_from_something_else_publishes_no_verdict()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["error_recovery"]);
        candidate["provenance"]!["sources"]![0]!["reason"] = "tool_failure_recovery";
        await Host.ProposeAsync(candidate);

        await Host.Api.Post($"/api/review/{candidate["id"]}/accept", null);
        var marker = Candidates.Make(agent, ["tool_selection"]);
        await Host.ProposeAsync(marker);
        await Host.Api.Post($"/api/review/{marker["id"]}/accept", null);

        await Host.Probe.WaitForAsync<CorrectionVerdictGiven>(v => v.CandidateId == (string)marker["id"]!);
        Assert.DoesNotContain(Host.Probe.Received.OfType<CorrectionVerdictGiven>(), v => v.CandidateId == (string)candidate["id"]!);
    }

    [Fact]
    public async Task An_unknown_verdict_is_400_and_other_still_needs_a_reason()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidate = Candidates.Make(agent, ["tool_selection"]);
        await Host.ProposeAsync(candidate);
        var id = (string)candidate["id"]!;

        var bad = await Host.Api.Post($"/api/review/{id}/reject", new { verdict = "meh", reason = "x" }, HttpStatusCode.BadRequest);
        Assert.Contains("not_a_correction", (string)bad["error"]!);
        var noReason = await Host.Api.Post($"/api/review/{id}/reject", new { verdict = "other" }, HttpStatusCode.BadRequest);
        Assert.Contains("reason", (string)noReason["error"]!);
        Assert.Equal("pending", (string)(await Host.Api.Get($"/api/review/{id}"))["status"]!);
    }
}

/// <summary>Active learning: the queue can put first the candidates whose score is nearest the detector's threshold.</summary>
public abstract class UncertainOrderTests(SharedCurationHost shared)
{
    [Fact]
    public async Task Order_uncertain_lists_scores_nearest_the_threshold_first_and_oldest_stays_the_default()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var sure = Candidates.Make(agent, ["tool_selection"], score: 0.97);
        var near = Candidates.Make(agent, ["tool_selection"], score: 0.58);
        var middle = Candidates.Make(agent, ["tool_selection"], score: 0.8);
        await shared.Host.ProposeAsync(sure);
        await shared.Host.ProposeAsync(near);
        await shared.Host.ProposeAsync(middle);

        var uncertain = await shared.Host.Api.Get($"/api/review?agent={agent}&order=uncertain&threshold=0.55");
        var oldest = await shared.Host.Api.Get($"/api/review?agent={agent}");

        Assert.Equal([near["id"]!.ToString(), middle["id"]!.ToString(), sure["id"]!.ToString()],
            uncertain["items"]!.AsArray().Select(i => (string)i!["candidateId"]!));
        Assert.Equal([sure["id"]!.ToString(), near["id"]!.ToString(), middle["id"]!.ToString()],
            oldest["items"]!.AsArray().Select(i => (string)i!["candidateId"]!));
        await shared.Host.Api.Get($"/api/review?order=random", HttpStatusCode.BadRequest);
        await shared.Host.Api.Get($"/api/review?order=uncertain&threshold=2", HttpStatusCode.BadRequest);
    }
}

public sealed class VerdictTestsOnSqlite(SharedCurationHostOnSqlite shared) : VerdictTests(shared), IClassFixture<SharedCurationHostOnSqlite>;

public sealed class VerdictTestsOnPostgres(SharedCurationHostOnPostgres shared) : VerdictTests(shared), IClassFixture<SharedCurationHostOnPostgres>;

public sealed class UncertainOrderTestsOnSqlite(SharedCurationHostOnSqlite shared) : UncertainOrderTests(shared), IClassFixture<SharedCurationHostOnSqlite>;

public sealed class UncertainOrderTestsOnPostgres(SharedCurationHostOnPostgres shared) : UncertainOrderTests(shared), IClassFixture<SharedCurationHostOnPostgres>;
