using System.Net;
using System.Net.Http.Json;
using BetterHarness.Contracts;
using BetterHarness.Curation.Tests.Api;
using BetterHarness.Testing.Storage;

namespace BetterHarness.Curation.Tests.Replicas;

/// <summary>
/// Two curation replicas on one PostgreSQL store, each with its own bus (as two processes on RabbitMQ): a proposal
/// delivered to both (a redelivery after the first replica died before its ack, or two consumers of one queue) is queued
/// once and pins its trace once; two curators accepting one candidate differently on two replicas at the same moment make
/// one case, and one of them is told it is already decided, and each fact leaves the shared outbox once. SQLite has no such test: its
/// file belongs to one process.
/// </summary>
public sealed class CurationReplicasOnPostgres(PostgresEngine engine) : IClassFixture<PostgresEngine>
{
    private Dictionary<string, string?> Settings(Dictionary<string, string?> storage) => new(storage)
    {
        ["BetterHarness:ApiKeys:0"] = "admin-key",
        ["BetterHarness:Security:ApiKeys:0:Key"] = "ann-key",
        ["BetterHarness:Security:ApiKeys:0:Role"] = "curator",
        ["BetterHarness:Security:ApiKeys:0:Name"] = "ann",
        ["BetterHarness:Security:ApiKeys:1:Key"] = "bob-key",
        ["BetterHarness:Security:ApiKeys:1:Role"] = "curator",
        ["BetterHarness:Security:ApiKeys:1:Name"] = "bob",
    };

    [Fact]
    public async Task A_proposal_delivered_to_both_replicas_is_queued_and_pinned_once()
    {
        var storage = engine.NewStorage();
        await using var a = await CurationHost.StartAsync(Settings(storage), adminKey: "admin-key");
        await using var b = await CurationHost.StartAsync(Settings(storage), adminKey: "admin-key");
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidates = Enumerable.Range(0, 20).Select(_ => Candidates.Make(agent, ["tool_selection"])).ToList();

        await Task.WhenAll(candidates.Select(c => Candidates.Proposal(c)).SelectMany(p => new[] { a.PublishAsync(p), b.PublishAsync(p) }));
        foreach (var candidate in candidates) await b.WaitForAsync((string)candidate["id"]!, i => (bool)i["fetched"]!);

        var items = (await a.Api.Get($"/api/review?agent={agent}&status=all&limit=100"))["items"]!.AsArray();
        Assert.Equal(20, items.Count);
        Assert.All(items, i => Assert.Equal(1, (int)i!["supportCount"]!));
        var traces = candidates.Select(c => (string)c["provenance"]!["sources"]![0]!["traceId"]!).ToHashSet();
        await WaitUntil(() => Pins(a, b, traces).Count == 20);
        await Task.Delay(500);   // anything published twice would arrive by now
        Assert.All(Pins(a, b, traces).GroupBy(p => p).Select(g => g.Count()), n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Two_curators_accepting_one_candidate_on_two_replicas_make_one_case()
    {
        var storage = engine.NewStorage();
        await using var a = await CurationHost.StartAsync(Settings(storage), adminKey: "admin-key");
        await using var b = await CurationHost.StartAsync(Settings(storage), adminKey: "admin-key");
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        var candidates = Enumerable.Range(0, 10).Select(_ => Candidates.Make(agent, ["tool_selection"])).ToList();
        await a.ProposeAsync([.. candidates]);
        using var ann = a.Client("ann-key");
        using var bob = b.Client("bob-key");

        foreach (var candidate in candidates)
        {
            var id = (string)candidate["id"]!;
            // Different edits, so the second is not a retry of the first (which would answer 200 with the same case).
            var answers = await Task.WhenAll(ann.PostAsJsonAsync($"/api/review/{id}/accept", new { mustPass = true }), bob.PostAsync($"/api/review/{id}/accept", null));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(r => r.StatusCode).Order());
        }

        var cases = (await a.Api.Get($"/api/evals?agent={agent}"))["cases"]!.AsArray();
        Assert.Equal(10, cases.Count);
        Assert.All(cases, c => Assert.Equal(1, (int)c!["revision"]!));
        var snapshots = (await b.Api.Get($"/api/evals/snapshots?agent={agent}"))["snapshots"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 10), snapshots.Select(s => (int)s!["seq"]!).Order());
        var caseIds = cases.Select(c => (string)c!["id"]!).ToHashSet();
        await WaitUntil(() => Accepted(a, b, caseIds).Count == 10);
        await Task.Delay(500);
        Assert.Equal(10, Accepted(a, b, caseIds).Count);
    }

    private static List<string> Pins(CurationHost a, CurationHost b, IReadOnlySet<string> traces) =>
        [.. a.Probe.Received.Concat(b.Probe.Received).OfType<TracePinsChanged>().Where(p => p.Pinned).SelectMany(p => p.TraceIds).Where(traces.Contains)];

    private static List<string> Accepted(CurationHost a, CurationHost b, IReadOnlySet<string> caseIds) =>
        [.. a.Probe.Received.Concat(b.Probe.Received).OfType<EvalCaseAccepted>().Select(m => m.CaseId).Where(caseIds.Contains)];

    private static async Task WaitUntil(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the replicas' messages did not all arrive");
            await Task.Delay(50);
        }
    }
}
