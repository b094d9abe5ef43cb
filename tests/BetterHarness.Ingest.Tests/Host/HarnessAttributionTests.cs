using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Ingest.Harnesses;
using BetterHarness.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>
/// Attribution end to end: the optimizer stores versions, ingest learns them through the outbox and the bus (never the
/// optimizer's store), and every completed trace is stored with its version and how it was known.
/// </summary>
public sealed class HarnessAttributionTests(ITestOutputHelper output)
{
    private const string Agent = "airline";
    private const string V1 = """
        You are an airline customer service agent. The current time is 2026-12-07 09:00 EST.
        Before taking any action that updates the booking database, list the action details and obtain explicit user confirmation to proceed.
        You should only make one tool call at a time, and if you make a tool call, you should not respond to the user simultaneously.
        You should deny user requests that are against this policy.
        You should transfer the user to a human agent if and only if the request cannot be handled within the scope of your actions.
        """;
    private const string V2 = V1 + "\nWhen the user asks to change the cabin, check every flight segment of the reservation before quoting a price.";
    private static readonly AgentTraffic.Tool[] Tools =
    [
        new("update_reservation_flights", "Update the flight information of a reservation."),
        new("get_reservation_details", "Get the details of a reservation."),
    ];

    [Fact]
    public async Task A_replay_of_two_versions_is_attributed_by_attribute_and_by_content_and_never_wrongly()
    {
        await using var host = await IngestHost.StartAsync();
        await CreateVersionAsync(host, V1);
        await CreateVersionAsync(host, V2);
        await WaitUntilIngestKnowsAsync(host, 2);

        // 40 conversations: half v1, half v2; half declare the version (span or resource), the rest carry only content:
        // verbatim, with the session's own time in the instructions (a templated prompt), or with a long per-user section.
        var sent = new List<(string TraceId, int Version)>();
        for (var i = 0; i < 40; i++)
        {
            var version = i % 2 == 0 ? 1 : 2;
            var instructions = version == 1 ? V1 : V2;
            string? declared = null;
            if (i % 4 == 0 || i % 4 == 1) declared = i % 8 < 4 ? version.ToString() : "v" + version;
            else if (i % 8 == 6) instructions = instructions.Replace("2026-12-07 09:00", $"2026-12-{8 + i % 20:00} {i % 12:00}:30");
            else if (i % 8 == 7) instructions += "\n" + Profile(i); // a long per-user section: too far from any version to say
            var (request, traceId) = AgentTraffic.Trace(Agent, instructions, Tools, failed: i % 3 == 0, declared, declareOnResource: i % 8 == 1);
            await AgentTraffic.SendAsync(host.Otlp, request);
            sent.Add((traceId, version));
        }

        int correct = 0, unknown = 0, wrong = 0, byAttribute = 0, byContent = 0;
        foreach (var (traceId, version) in sent)
        {
            var trace = await host.WaitForTraceAsync(traceId);
            var attributed = (int?)trace["harnessVersion"];
            var how = (string)trace["harnessAttribution"]!;
            if (attributed is null) { unknown++; Assert.Equal("unknown", how); }
            else if (attributed == version) correct++;
            else wrong++;
            if (how == "attribute") byAttribute++;
            if (how == "content") byContent++;
        }
        output.WriteLine($"attribution replay: {sent.Count} traces, correct {correct} ({100.0 * correct / sent.Count:0.#}%), unknown {unknown}, wrong {wrong}; by attribute {byAttribute}, by content {byContent}");
        Assert.Equal(0, wrong);
        Assert.Equal(20, byAttribute);
        Assert.Equal(35, correct); // every declared, verbatim and templated one
        Assert.Equal(5, unknown);  // the personalised ones: below the near-match threshold, counted and not guessed

        // The list filters by version and attribution.
        var v2 = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/traces?agent={Agent}&harnessVersion=2&limit=100"))!;
        Assert.Equal(sent.Count(s => s.Version == 2) - 5, (int)v2["count"]!); // the 5 personalised ones are v2 traces
        Assert.All(v2["traces"]!.AsArray(), t => Assert.Equal(2, (int)t!["harnessVersion"]!));
        var declaredOnly = (await host.Api.GetFromJsonAsync<JsonObject>("/api/traces?attribution=attribute&limit=100"))!;
        Assert.Equal(20, (int)declaredOnly["count"]!);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await host.Api.GetAsync("/api/traces?attribution=guessed")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await host.Api.GetAsync("/api/traces?harnessVersion=two")).StatusCode);
    }

    [Fact]
    public async Task A_trace_of_unknown_content_is_unknown_and_a_version_learned_later_claims_its_exact_content()
    {
        await using var host = await IngestHost.StartAsync();
        var (request, traceId) = AgentTraffic.Trace(Agent, V2, Tools, failed: true);
        await AgentTraffic.SendAsync(host.Otlp, request);
        var before = await host.WaitForTraceAsync(traceId);
        Assert.Null((int?)before["harnessVersion"]);
        Assert.Equal("unknown", (string)before["harnessAttribution"]!);

        await CreateVersionAsync(host, V2);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonObject after;
        do
        {
            await Task.Delay(50);
            after = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/traces/{traceId}"))!;
        } while ((int?)after["harnessVersion"] is null && DateTime.UtcNow < deadline);
        Assert.Equal(1, (int?)after["harnessVersion"]);
        Assert.Equal("content", (string)after["harnessAttribution"]!);
    }

    [Fact]
    public async Task A_version_learned_later_claims_near_matches_too_including_a_trace_an_older_version_only_nearly_matched()
    {
        await using var host = await IngestHost.StartAsync();
        await CreateVersionAsync(host, V1);
        await WaitUntilIngestKnowsAsync(host, 1);
        // v2's instructions with the session's own time templated in: never exactly v2's content.
        var (request, traceId) = AgentTraffic.Trace(Agent, V2.Replace("2026-12-07 09:00", "2026-12-19 14:30"), Tools, failed: true);
        await AgentTraffic.SendAsync(host.Otlp, request);
        var before = await host.WaitForTraceAsync(traceId);
        Assert.NotEqual(2, (int?)before["harnessVersion"]); // v1 by near-match, or unknown: v2 is not known yet

        await CreateVersionAsync(host, V2);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonObject after;
        do
        {
            await Task.Delay(50);
            after = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/traces/{traceId}"))!;
        } while ((int?)after["harnessVersion"] != 2 && DateTime.UtcNow < deadline);
        output.WriteLine($"before v2 was learned: {before["harnessVersion"]} ({before["harnessAttribution"]}); after: {after["harnessVersion"]} ({after["harnessAttribution"]})");
        Assert.Equal(2, (int?)after["harnessVersion"]);
        Assert.Equal("content", (string)after["harnessAttribution"]!);
    }

    private static string Profile(int seed)
    {
        string[] words = ["frequent", "flyer", "gold", "member", "prefers", "aisle", "seats", "travels", "with", "two", "children", "usually",
            "books", "economy", "from", "Boston", "to", "Denver", "and", "asked", "about", "baggage", "allowance", "last", "month", "loyalty"];
        var rng = new Random(seed);
        return "User profile: " + string.Join(' ', Enumerable.Range(0, 160).Select(_ => words[rng.Next(words.Length)])) + ".";
    }

    private static async Task CreateVersionAsync(IngestHost host, string instructions)
    {
        var response = await host.Api.PostAsJsonAsync("/api/harnesses", new
        {
            agent = Agent, instructions,
            tools = Tools.Select(t => new { name = t.Name, description = t.Description, parameters = new { type = "object", properties = new { id = new { type = "string" } } } }),
        });
        response.EnsureSuccessStatusCode();
    }

    private static async Task WaitUntilIngestKnowsAsync(IngestHost host, int versions)
    {
        var catalog = host.Services.GetRequiredService<HarnessCatalog>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (catalog.For(Agent).Count < versions)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"ingest learned {catalog.For(Agent).Count} of {versions} versions");
            await Task.Delay(50);
        }
    }
}
