using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;
using Google.Protobuf;

namespace BetterHarness.Ingest.Tests.Recorded;

/// <summary>
/// <c>POST /api/harnesses/from-traces</c> end to end: real OTLP ingest of what each instrumentation really sends
/// (the recorded exports, replayed byte for byte) and of OTel GenAI's own attributes, then harness v1 of the agent
/// has the system instructions and every tool definition — description and JSON-schema parameters included.
/// </summary>
public sealed class HarnessFromRecordedTracesTests(RecordedInstrumentationTests.Host fixture) : IClassFixture<RecordedInstrumentationTests.Host>
{
    private const string SearchFlights = "Search flights between two airports on a date.";

    /// <summary>The instrumentations that send tool definitions on the LLM span, each in its own attributes.</summary>
    [Theory]
    [InlineData("openinference")]       // llm.tools.N.tool.json_schema
    [InlineData("openllmetry")]         // gen_ai.tool.definitions
    [InlineData("openllmetry-legacy")]  // llm.request.functions.N.{name,description,arguments}
    public async Task Harness_v1_has_the_recorded_instructions_and_tool_definitions(string instrumentation)
    {
        var harness = await DeriveAsync(instrumentation);

        Assert.Equal(RecordedExports.SystemPrompt, (string?)harness["instructions"]);
        var tool = Assert.Single(harness["tools"]!.AsArray())!;
        Assert.Equal("search_flights", (string?)tool["name"]);
        Assert.Equal(SearchFlights, (string?)tool["description"]);
        Assert.Equal("object", (string?)tool["parameters"]!["type"]);
        Assert.Equal(["origin", "destination", "date"], tool["parameters"]!["required"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["origin", "destination", "date"], tool["parameters"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task OTel_GenAI_instrumentation_without_definitions_still_gives_the_instructions_and_the_called_tool()
    {
        var harness = await DeriveAsync("otel-genai");

        Assert.Equal(RecordedExports.SystemPrompt, (string?)harness["instructions"]);
        var tool = Assert.Single(harness["tools"]!.AsArray())!;
        Assert.Equal("search_flights", (string?)tool["name"]);
        Assert.Contains("seen only in calls", (string?)tool["description"]);
    }

    [Fact]
    public async Task OTel_GenAI_system_instructions_and_tool_definitions_attributes_become_harness_v1()
    {
        const string agent = "genai-attributes-agent";
        var instructions = "You are a support agent.\nAlways confirm the order id before refunding.";
        var definitions = JsonSerializer.Serialize(new object[]
        {
            new { type = "function", name = "refund_order", description = "Refund an order in full.",
                parameters = new { type = "object", properties = new { order_id = new { type = "string" } }, required = new[] { "order_id" } } },
            new { type = "function", name = "get_order", description = "Look an order up by id.",
                parameters = new { type = "object", properties = new { order_id = new { type = "string" } } } },
        });
        var traceId = TestRequests.NewTraceId();
        var root = TestRequests.NewSpanId();
        var request = TestRequests.Request(
            TestRequests.Span(traceId, root, null, "invoke_agent " + agent, ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.agent.name", agent)),
            TestRequests.Span(traceId, TestRequests.NewSpanId(), root, "chat m", ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "m"),
                ("gen_ai.system_instructions", JsonSerializer.Serialize(new[] { new { type = "text", content = instructions } })),
                ("gen_ai.tool.definitions", definitions),
                ("gen_ai.input.messages", """[{"role":"user","parts":[{"type":"text","content":"Refund order 42"}]}]""")));
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new("application/x-protobuf");
        (await fixture.Ingest.Otlp.PostAsync("/v1/traces", content)).EnsureSuccessStatusCode();
        await fixture.Ingest.WaitForTraceAsync(Convert.ToHexStringLower(traceId));

        var harness = await DeriveAsync(agent, replay: false);

        Assert.Equal(instructions, (string?)harness["instructions"]);
        var tools = harness["tools"]!.AsArray();
        Assert.Equal(["refund_order", "get_order"], tools.Select(t => (string)t!["name"]!));
        Assert.Equal("Refund an order in full.", (string?)tools[0]!["description"]);
        Assert.Equal("order_id", (string?)tools[0]!["parameters"]!["required"]![0]);
    }

    private async Task<JsonObject> DeriveAsync(string instrumentationOrAgent, bool replay = true)
    {
        var agent = instrumentationOrAgent;
        if (replay)
        {
            var exports = RecordedExports.Load(instrumentationOrAgent);
            await RecordedExports.ReplayAsync(fixture.Ingest, exports);
            await fixture.Ingest.WaitForTraceAsync(RecordedExports.TraceIdOf(exports, "agent healthy"));
            await fixture.Ingest.WaitForTraceAsync(RecordedExports.TraceIdOf(exports, "agent correction"));
            agent = "travel-agent-" + instrumentationOrAgent; // each recording's service.name
        }
        var derived = await fixture.Ingest.Api.PostAsJsonAsync("/api/harnesses/from-traces", new { agent });
        Assert.True(derived.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await derived.Content.ReadAsStringAsync());
        var version = (int)(await derived.Content.ReadFromJsonAsync<JsonObject>())!["version"]!;
        Assert.Equal(1, version);
        return (await fixture.Ingest.Api.GetFromJsonAsync<JsonObject>($"/api/harnesses/{agent}/versions/1"))!;
    }
}
