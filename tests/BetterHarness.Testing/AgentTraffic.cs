using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Testing;

/// <summary>
/// Production-like agent traces for harness tests: an <c>invoke_agent</c> root carrying the agent's system instructions
/// and tool definitions (OTel GenAI), optionally the declared harness version, and a tool call that fails or succeeds.
/// </summary>
public static class AgentTraffic
{
    public sealed record Tool(string Name, string Description);

    public static (ExportTraceServiceRequest Request, string TraceId) Trace(string agent, string instructions, IReadOnlyList<Tool> tools,
        bool failed, string? declaredVersion = null, bool declareOnResource = false)
    {
        var traceId = TestRequests.NewTraceId();
        var root = TestRequests.NewSpanId();
        var definitions = JsonSerializer.Serialize(tools.Select(t => new { type = "function", name = t.Name, description = t.Description,
            parameters = new { type = "object", properties = new { id = new { type = "string" } } } }));
        var rootAttributes = new List<(string, string)>
        {
            ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.agent.name", agent),
            ("gen_ai.system_instructions", JsonSerializer.Serialize(new[] { new { type = "text", content = instructions } })),
            ("gen_ai.tool.definitions", definitions),
        };
        if (declaredVersion is not null && !declareOnResource) rootAttributes.Add(("betterharness.harness.version", declaredVersion));
        var rootSpan = TestRequests.Span(traceId, root, null, "invoke_agent " + agent, [.. rootAttributes]);
        var tool = TestRequests.Span(traceId, TestRequests.NewSpanId(), root, "execute_tool " + tools[0].Name,
            ("gen_ai.operation.name", "execute_tool"), ("gen_ai.tool.name", tools[0].Name), ("gen_ai.tool.call.arguments", "{\"id\":\"A1\"}"),
            ("gen_ai.tool.call.result", failed ? "error: upstream unavailable" : "{\"status\":\"ok\"}"));
        if (failed) tool.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "upstream unavailable" };
        var request = TestRequests.Request(rootSpan, tool);
        var resource = request.ResourceSpans[0].Resource;
        resource.Attributes.Clear();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = agent + "-service" } });
        if (declaredVersion is not null && declareOnResource)
            resource.Attributes.Add(new KeyValue { Key = "gen_ai.agent.version", Value = new AnyValue { StringValue = declaredVersion } });
        return (request, Convert.ToHexStringLower(traceId));
    }

    public static async Task SendAsync(HttpClient otlp, ExportTraceServiceRequest request)
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        (await otlp.PostAsync("/v1/traces", content)).EnsureSuccessStatusCode();
    }
}
