using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Ingest.Harnesses;
using BetterHarness.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>Per-version production figures and the two-version comparison, from traces sent through OTLP.</summary>
public sealed class ProductionFiguresTests
{
    private const string Agent = "shop";
    private static readonly AgentTraffic.Tool[] Tools = [new("lookup_order", "Look up an order by its number.")];
    private const string V1 = "You are the shop's support agent. Look the order up before answering any question about it.";
    private const string V2 = V1 + " Offer a refund before the customer asks for one.";

    [Fact]
    public async Task Figures_count_each_versions_traces_and_failures_with_intervals_and_the_comparison_says_b_minus_a()
    {
        await using var host = await IngestHost.StartAsync();
        foreach (var instructions in new[] { V1, V2 })
            (await host.Api.PostAsJsonAsync("/api/harnesses", new { agent = Agent, instructions, tools = Tools.Select(t => new { name = t.Name, description = t.Description }) }))
                .EnsureSuccessStatusCode();
        var catalog = host.Services.GetRequiredService<HarnessCatalog>();
        while (catalog.For(Agent).Count < 2) await Task.Delay(50);

        var ids = new List<string>();
        async Task Send(string instructions, int count, int failing, string? declared = null)
        {
            for (var i = 0; i < count; i++)
            {
                var (request, id) = AgentTraffic.Trace(Agent, instructions, Tools, failed: i < failing, declared);
                await AgentTraffic.SendAsync(host.Otlp, request);
                ids.Add(id);
            }
        }
        await Send(V1, 20, 4, declared: "1");
        await Send(V2, 20, 10);
        await Send("Something else entirely, written by hand for a test of the unknown bucket.", 3, 1);
        foreach (var id in ids) await host.WaitForTraceAsync(id);

        var figures = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/harnesses/{Agent}/production"))!;
        Assert.Equal(Agent, (string)figures["agent"]!);
        Assert.Equal(3, (int)figures["unknown"]!);
        var versions = figures["versions"]!.AsArray();
        Assert.Equal([1, 2], versions.Select(v => (int)v!["version"]!));
        var v1 = versions[0]!;
        Assert.Equal((20, 4, 0.2), ((int)v1["traces"]!, (int)v1["failed"]!, (double)v1["failureRate"]!));
        var ci = v1["failureRateCi95"]!.AsArray().Select(x => (double)x!).ToArray();
        Assert.Equal(0.0807, ci[0], 3);
        Assert.Equal(0.4160, ci[1], 3);
        Assert.Equal(0, (int)v1["corrected"]!);
        Assert.Equal(4, (int)v1["toolErrors"]!);
        Assert.NotNull(v1["p95DurationMs"]);
        Assert.Equal(10, (int)versions[1]!["failed"]!);

        var compare = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/harnesses/{Agent}/production/compare?a=1&b=2"))!;
        Assert.Equal((1, 2), ((int)compare["a"]!, (int)compare["b"]!));
        Assert.Equal(0.3, (double)compare["difference"]!, 10);
        Assert.InRange((double)compare["pValue"]!, 0.04, 0.06); // 4/20 vs 10/20: z = 1.964
        var interval = compare["ci95"]!.AsArray().Select(x => (double)x!).ToArray();
        Assert.True(interval[0] < 0.3 && 0.3 < interval[1]);
        Assert.NotNull(compare["clusters"]);

        // A window that ends before any trace: no versions, nothing unknown.
        var empty = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/harnesses/{Agent}/production?until=2020-01-01T00:00:00Z"))!;
        Assert.Empty(empty["versions"]!.AsArray());
        Assert.Equal(0, (int)empty["unknown"]!);

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Api.GetAsync($"/api/harnesses/{Agent}/production?since=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Api.GetAsync($"/api/harnesses/{Agent}/production?since=2026-02-01&until=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Api.GetAsync($"/api/harnesses/{Agent}/production/compare?a=1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Api.GetAsync($"/api/harnesses/{Agent}/production/compare?a=x&b=2")).StatusCode);
    }
}
