using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BetterHarness.Testing;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>When traces complete, and what late spans do to a completed trace.</summary>
public sealed class TraceAssemblyTests
{
    private static async Task SendAsync(IngestHost host, ExportTraceServiceRequest request)
    {
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, (await host.Otlp.PostAsync("/v1/traces", content)).StatusCode);
    }

    [Fact]
    public async Task Late_span_amends_a_completed_trace_with_the_next_revision()
    {
        await using var host = await IngestHost.StartAsync();
        var (request, traceId) = TestRequests.SimpleTrace();
        await SendAsync(host, request);
        var first = await host.WaitForTraceAsync(traceId);
        Assert.Equal(2, (int)first["spanCount"]!);

        var root = request.ResourceSpans[0].ScopeSpans[0].Spans[0];
        var late = TestRequests.Span(root.TraceId.ToByteArray(), TestRequests.NewSpanId(), root.SpanId.ToByteArray(), "execute_tool late");
        await SendAsync(host, TestRequests.Request(late));

        var second = await host.WaitForTraceAsync(traceId, revision: 2);
        Assert.Equal(3, (int)second["spanCount"]!);
    }

    [Fact]
    public async Task Trace_whose_root_never_arrives_completes_at_max_age_and_counts_its_orphans()
    {
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:Ingest:MaxTraceAge"] = "00:00:01" });
        var traceId = TestRequests.NewTraceId();
        var missingRoot = TestRequests.NewSpanId();
        await SendAsync(host, TestRequests.Request(
            TestRequests.Span(traceId, TestRequests.NewSpanId(), missingRoot, "chat"),
            TestRequests.Span(traceId, TestRequests.NewSpanId(), missingRoot, "execute_tool")));

        var trace = await host.WaitForTraceAsync(Convert.ToHexStringLower(traceId));

        Assert.Equal(2, (int)trace["spanCount"]!);
        Assert.Equal(2, (int)trace["orphanSpanCount"]!);
    }

    [Fact]
    public async Task Open_trace_can_be_read_before_it_completes()
    {
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:Ingest:QuietWindow"] = "00:01:00" });
        var (request, traceId) = TestRequests.SimpleTrace();
        await SendAsync(host, request);

        var json = await host.Api.GetStringAsync($"/api/traces/{traceId}");

        Assert.Contains("\"state\":\"open\"", json);
        Assert.Contains("\"signals\":", json);
    }

    [Fact]
    public async Task Unknown_and_malformed_trace_ids_get_clear_errors()
    {
        await using var host = await IngestHost.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await host.Api.GetAsync($"/api/traces/{new string('b', 32)}")).StatusCode);
        var bad = await host.Api.GetAsync("/api/traces/not-a-trace-id");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("32 hex", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Trace_with_odd_message_json_completes_and_does_not_block_others()
    {
        await using var host = await IngestHost.StartAsync();
        var odd = TestRequests.NewTraceId();
        await SendAsync(host, TestRequests.Request(TestRequests.Span(odd, TestRequests.NewSpanId(), null, "chat",
            ("gen_ai.operation.name", "chat"),
            ("gen_ai.input.messages", """[{"role":"assistant","tool_calls":[42, "x", null]}, 7, "text"]"""),
            ("gen_ai.output.messages", """{"choices": [1, {"message": 2}]}"""))));
        var (normal, normalId) = TestRequests.SimpleTrace();
        await SendAsync(host, normal);

        await host.WaitForTraceAsync(Convert.ToHexStringLower(odd));
        await host.WaitForTraceAsync(normalId);
    }

    [Fact]
    public async Task Stats_count_open_and_completed_traces()
    {
        await using var host = await IngestHost.StartAsync();
        var (request, traceId) = TestRequests.SimpleTrace();
        await SendAsync(host, request);
        await host.WaitForTraceAsync(traceId);

        var stats = (await host.Api.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/traces/stats"))!;

        Assert.Equal(0, (long)stats["openTraces"]!);
        Assert.Equal(1, (long)stats["completedTraces"]!);
        Assert.Equal(2, (long)stats["spans"]!);
    }
}
