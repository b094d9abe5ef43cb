using BetterHarness.Contracts;

namespace BetterHarness.Curation.Tests.Api;

/// <summary>
/// Curation tells ingest which source traces to keep past retention: pinned while a candidate is pending and after it is
/// accepted, released when it is rejected or its case retired.
/// </summary>
public abstract class TracePinTests(SharedCurationHost shared)
{
    private CurationHost Host => shared.Host;

    private static string TraceOf(System.Text.Json.Nodes.JsonObject candidate) =>
        (string)candidate["provenance"]!["sources"]![0]!["traceId"]!;

    [Fact]
    public async Task A_proposed_candidate_pins_its_trace_and_rejecting_it_releases_the_pin()
    {
        var candidate = Candidates.Make("agent-" + Guid.NewGuid().ToString("N")[..8], ["tool_selection"]);
        var id = (string)candidate["id"]!;
        await Host.ProposeAsync(candidate);
        var pinned = await Host.Probe.WaitForAsync<TracePinsChanged>(m => m.Holder == "candidate:" + id && m.Pinned);
        Assert.Equal([TraceOf(candidate)], pinned.TraceIds);

        await Host.Api.Post($"/api/review/{id}/reject", new { reason = "not a mistake" });
        var released = await Host.Probe.WaitForAsync<TracePinsChanged>(m => m.Holder == "candidate:" + id && !m.Pinned);
        Assert.Equal([TraceOf(candidate)], released.TraceIds);
        Assert.True(released.At >= pinned.At);
    }

    [Fact]
    public async Task An_accepted_case_keeps_the_pin_until_it_is_retired()
    {
        var candidate = Candidates.Make("agent-" + Guid.NewGuid().ToString("N")[..8], ["tool_selection"]);
        var id = (string)candidate["id"]!;
        await Host.ProposeAsync(candidate);
        await Host.Probe.WaitForAsync<TracePinsChanged>(m => m.Holder == "candidate:" + id && m.Pinned);

        var accepted = await Host.Api.Post($"/api/review/{id}/accept", new { });
        await Host.Probe.WaitForAsync<EvalCaseAccepted>(m => m.SourceCandidateId == id);
        Assert.DoesNotContain(Host.Probe.Received.OfType<TracePinsChanged>(), m => m.Holder == "candidate:" + id && !m.Pinned);

        await Host.Api.Post($"/api/evals/{(string)accepted["caseId"]!}/retire", new { reason = "saturated" });
        var released = await Host.Probe.WaitForAsync<TracePinsChanged>(m => m.Holder == "candidate:" + id && !m.Pinned);
        Assert.Equal([TraceOf(candidate)], released.TraceIds);
    }
}

public sealed class TracePinTestsOnSqlite(SharedCurationHostOnSqlite shared) : TracePinTests(shared), IClassFixture<SharedCurationHostOnSqlite>;

public sealed class TracePinTestsOnPostgres(SharedCurationHostOnPostgres shared) : TracePinTests(shared), IClassFixture<SharedCurationHostOnPostgres>;
