using System.Net;
using System.Text.Json.Nodes;

namespace BetterHarness.Curation.Tests.Api;

public abstract class EvalStoreTests(SharedCurationHost shared)
{
    private CurationHost Host => shared.Host;

    private static string NewAgent() => "agent-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonObject> Import(string agent, IEnumerable<JsonObject> lines)
    {
        var (status, body) = await Host.Api.PostLines($"/api/evals/import?agent={agent}", lines.Select(l => l.ToJsonString()));
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private async Task<Dictionary<string, string>> Splits(string agent) =>
        (await Host.Api.Get($"/api/evals?agent={agent}"))["cases"]!.AsArray().ToDictionary(c => (string)c!["id"]!, c => (string)c!["split"]!);

    [Fact]
    public async Task Splits_are_stratified_per_category_and_never_change_as_cases_are_added()
    {
        var agent = NewAgent();
        var first = new[] { "tool_selection", "tool_selection", "followup_quality", "followup_quality", "multi_step" }
            .Select((c, i) => Candidates.ImportLine(agent, c, id: $"case_{agent}_{i:00}", situation: i)).ToList();
        foreach (var line in first) await Import(agent, [line]);
        var before = await Splits(agent);

        var more = Enumerable.Range(0, 18).Select(i => Candidates.ImportLine(agent, i % 2 == 0 ? "tool_selection" : "multi_step", id: $"case_{agent}_{10 + i:00}", situation: 5 + i)).ToList();
        foreach (var line in more) await Import(agent, [line]);
        var after = await Splits(agent);

        foreach (var (id, split) in before) Assert.Equal(split, after[id]);
        var composition = (await Host.Api.Get($"/api/evals/composition?agent={agent}"))["categories"]!.AsArray();
        foreach (var row in composition)
        {
            int opt = (int)row!["optimization"]!, hold = (int)row["holdout"]!;
            if (opt + hold >= 2) Assert.True(opt >= 1 && hold >= 1, row.ToJsonString());
        }
        var toolSelection = composition.Single(r => (string)r!["category"]! == "tool_selection")!;
        Assert.Equal(11, (int)toolSelection["optimization"]! + (int)toolSelection["holdout"]!);
        Assert.InRange((int)toolSelection["holdout"]!, 3, 4);   // 30 % of 11 = 3.3
    }

    [Fact]
    public async Task The_same_cases_added_in_the_same_order_get_the_same_splits_in_another_store()
    {
        var agent = NewAgent();
        var lines = Enumerable.Range(0, 12).Select(i => Candidates.ImportLine(agent, i % 3 == 0 ? "factuality" : "tool_arguments", id: $"case_det_{i:00}", situation: i)).ToList();
        foreach (var line in lines) await Import(agent, [line]);
        await using var other = await shared.StartOtherAsync();
        foreach (var line in lines)
        {
            var (status, body) = await other.Api.PostLines($"/api/evals/import?agent={agent}", [line.ToJsonString()]);
            Assert.Equal(HttpStatusCode.OK, status);
        }
        var otherSplits = (await other.Api.Get($"/api/evals?agent={agent}"))["cases"]!.AsArray().ToDictionary(c => (string)c!["id"]!, c => (string)c!["split"]!);
        Assert.Equal(await Splits(agent), otherSplits);
    }

    [Fact]
    public async Task A_snapshot_never_changes_after_edits_and_retirements()
    {
        var agent = NewAgent();
        var imported = await Import(agent, [Candidates.ImportLine(agent, "tool_selection", id: $"case_{agent}_a"), Candidates.ImportLine(agent, "tool_selection", id: $"case_{agent}_b")]);
        var snapshot = (string)imported["snapshotId"]!;
        var original = await Host.Api.Lines($"/api/evals/snapshots/{snapshot}/export");

        var edited = await Host.Api.Send(HttpMethod.Patch, $"/api/evals/case_{agent}_a", new { expected = new { behaviour = "Changed." }, mustPass = true });
        Assert.Equal(2, (int)edited["revision"]!);
        Assert.NotEqual(snapshot, (string)edited["snapshotId"]!);
        var retired = await Host.Api.Post($"/api/evals/case_{agent}_b/retire", new { reason = "saturated" });
        Assert.NotEqual((string)edited["snapshotId"]!, (string)retired["snapshotId"]!);

        var again = await Host.Api.Lines($"/api/evals/snapshots/{snapshot}/export");
        Assert.Equal(original.Select(l => l.ToJsonString()), again.Select(l => l.ToJsonString()));
        Assert.Equal(2, again.Count);
        var latest = await Host.Api.Lines($"/api/evals/snapshots/{retired["snapshotId"]}/export");
        var only = Assert.Single(latest);
        Assert.Equal("Changed.", (string)only["expected"]!["behaviour"]!);
        Assert.Equal(2, (int)only["revision"]!);
        var header = await Host.Api.Get($"/api/evals/snapshots/{snapshot}");
        Assert.Equal(2, (int)header["caseCount"]!);
    }

    [Fact]
    public async Task Must_pass_is_a_filterable_flag_and_an_unchanged_edit_stores_nothing()
    {
        var agent = NewAgent();
        await Import(agent, [Candidates.ImportLine(agent, "tool_selection", id: $"case_{agent}_1"), Candidates.ImportLine(agent, "tool_selection", id: $"case_{agent}_2", mustPass: true)]);
        var mustPass = (await Host.Api.Get($"/api/evals?agent={agent}&mustPass=true"))["cases"]!.AsArray();
        Assert.Equal($"case_{agent}_2", (string)Assert.Single(mustPass)!["id"]!);

        await Host.Api.Send(HttpMethod.Patch, $"/api/evals/case_{agent}_1", new { mustPass = true });
        Assert.Equal(2, (await Host.Api.Get($"/api/evals?agent={agent}&mustPass=true"))["cases"]!.AsArray().Count);
        var unchanged = await Host.Api.Send(HttpMethod.Patch, $"/api/evals/case_{agent}_1", new { mustPass = true });
        Assert.False((bool)unchanged["changed"]!);
        Assert.Equal(2, (int)unchanged["revision"]!);
        Assert.Equal(2, (await Host.Api.Get($"/api/evals/case_{agent}_1/history"))["revisions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Retired_cases_leave_the_active_set_and_keep_their_history()
    {
        var agent = NewAgent();
        await Import(agent, [Candidates.ImportLine(agent, "tool_selection", id: $"case_{agent}_r")]);
        await Host.Api.Send(HttpMethod.Patch, $"/api/evals/case_{agent}_r", new { tags = new[] { "tool_selection", "saturated" } });
        await Host.Api.Post($"/api/evals/case_{agent}_r/retire", new { }, HttpStatusCode.BadRequest);
        await Host.Api.Post($"/api/evals/case_{agent}_r/retire", new { reason = "every version passes it" });

        Assert.Empty((await Host.Api.Get($"/api/evals?agent={agent}&status=active"))["cases"]!.AsArray());
        Assert.Empty(await Host.Api.Lines($"/api/evals/export?agent={agent}"));
        var doc = await Host.Api.Get($"/api/evals/case_{agent}_r");
        Assert.Equal("retired", (string)doc["status"]!);
        Assert.Equal("every version passes it", (string)doc["retiredReason"]!);
        var history = (await Host.Api.Get($"/api/evals/case_{agent}_r/history"))["revisions"]!.AsArray();
        Assert.Equal(["import", "edit", "retire"], history.Select(h => (string)h!["action"]!));
        var diff = (await Host.Api.Get($"/api/evals/case_{agent}_r/diff?from=1&to=2"))["changes"]!.AsArray();
        Assert.Contains(diff, c => (string)c!["path"]! == "$.tags[1]" && (string)c["after"]! == "saturated");
        Assert.Equal(1, (int)(await Host.Api.Get($"/api/evals/case_{agent}_r?revision=1"))["revision"]!);
        await Host.Api.Send(HttpMethod.Patch, $"/api/evals/case_{agent}_r", new { mustPass = true }, HttpStatusCode.Conflict);
        await Host.Api.Post($"/api/evals/case_{agent}_r/retire", new { reason = "again" }, HttpStatusCode.Conflict);
        var audit = (await Host.Api.Get($"/api/audit?subject=case_{agent}_r"))["entries"]!.AsArray();
        Assert.Equal(["retire", "edit", "import"], audit.Select(a => (string)a!["action"]!));
    }

    [Fact]
    public async Task Export_and_import_round_trip_into_a_fresh_store()
    {
        var agent = NewAgent();
        var imported = await Import(agent, Enumerable.Range(0, 5).Select(i => Candidates.ImportLine(agent, i < 3 ? "tool_selection" : "followup_quality", id: $"case_{agent}_{i}", mustPass: i == 0)));
        var exported = await Host.Api.Lines($"/api/evals/snapshots/{imported["snapshotId"]}/export");
        Assert.Equal(5, exported.Count);

        await using var other = await shared.StartOtherAsync();
        var (status, body) = await other.Api.PostLines("/api/evals/import", exported.Select(e => e.ToJsonString()));
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var again = await other.Api.Lines($"/api/evals/export?agent={agent}");
        Assert.Equal(exported.Select(e => e.ToJsonString()), again.Select(e => e.ToJsonString()));

        var (_, second) = await other.Api.PostLines("/api/evals/import", exported.Select(e => e.ToJsonString()));
        Assert.Equal(5, (int)second["unchanged"]!);
        Assert.Equal(0, (int)second["imported"]!);
    }

    [Fact]
    public async Task Import_reports_bad_lines_by_number_and_imports_nothing()
    {
        var agent = NewAgent();
        var good = Candidates.ImportLine(agent, "tool_selection").ToJsonString();
        var noMessages = Candidates.ImportLine(agent, "tool_selection");
        noMessages["input"]!["messages"] = new JsonArray();
        var badGrader = Candidates.ImportLine(agent, "tool_selection");
        badGrader["graders"] = new JsonArray(new JsonObject { ["type"] = "vibes" });
        var wrongSchema = Candidates.ImportLine(agent, "tool_selection");
        wrongSchema["schema"] = "betterharness.eval-case/v9";

        var (status, body) = await Host.Api.PostLines($"/api/evals/import?agent={agent}",
            [good, "{not json", noMessages.ToJsonString(), "", badGrader.ToJsonString(), wrongSchema.ToJsonString(), good]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body["errors"]!.AsArray();
        Assert.Equal([2, 3, 5, 6, 7], errors.Select(e => (int)e!["line"]!));
        Assert.Contains("not JSON", (string)errors[0]!["error"]!);
        Assert.Contains("input.messages", (string)errors[1]!["error"]!);
        Assert.Contains("vibes", (string)errors[2]!["error"]!);
        Assert.Contains("v9", (string)errors[3]!["error"]!);
        Assert.Contains("line 1", (string)errors[4]!["error"]!);
        Assert.Empty((await Host.Api.Get($"/api/evals?agent={agent}"))["cases"]!.AsArray());
        Assert.Empty((await Host.Api.Get($"/api/evals/snapshots?agent={agent}"))["snapshots"]!.AsArray());

        var noAgent = Candidates.ImportLine(agent, "tool_selection");
        noAgent.Remove("agent");
        var (missing, why) = await Host.Api.PostLines("/api/evals/import", [noAgent.ToJsonString()]);
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Contains("agent", (string)why["errors"]![0]!["error"]!);
    }
}

public sealed class EvalStoreTestsOnSqlite(SharedCurationHostOnSqlite shared) : EvalStoreTests(shared), IClassFixture<SharedCurationHostOnSqlite>;

public sealed class EvalStoreTestsOnPostgres(SharedCurationHostOnPostgres shared) : EvalStoreTests(shared), IClassFixture<SharedCurationHostOnPostgres>;
