using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using BetterHarness.Testing;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>The stock OpenTelemetry .NET exporter, unmodified, talking to a running ingest over real sockets.</summary>
public sealed class OtelSdkExporterTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task Stock_exporter_trace_is_stored_normalised_and_flagged(OtlpExportProtocol protocol)
    {
        await using var host = await IngestHost.StartAsync();
        var sourceName = "test-agent-" + protocol;
        using var source = new ActivitySource(sourceName);
        using var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(sourceName)
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("travel-agent"))
            .AddOtlpExporter(o =>
            {
                o.Protocol = protocol;
                o.ExportProcessorType = ExportProcessorType.Simple;
                o.Endpoint = protocol == OtlpExportProtocol.Grpc
                    ? new Uri($"http://127.0.0.1:{host.GrpcPort}")
                    : new Uri($"http://127.0.0.1:{host.HttpPort}/v1/traces");
            })
            .Build();

        string traceId;
        using (var root = source.StartActivity("invoke_agent travel", ActivityKind.Internal)!)
        {
            traceId = root.TraceId.ToHexString();
            root.SetTag("gen_ai.operation.name", "invoke_agent");
            root.SetTag("gen_ai.agent.name", "travel");
            root.SetTag("gen_ai.conversation.id", "conv-42");
            using (var chat = source.StartActivity("chat gpt-4o", ActivityKind.Client)!)
            {
                chat.SetTag("gen_ai.operation.name", "chat");
                chat.SetTag("gen_ai.provider.name", "openai");
                chat.SetTag("gen_ai.request.model", "gpt-4o");
                chat.SetTag("gen_ai.input.messages",
                    """[{"role":"user","parts":[{"type":"text","content":"Book the cheapest flight to Oslo on May 3"}]}]""");
                chat.SetTag("gen_ai.output.messages",
                    """[{"role":"assistant","parts":[{"type":"tool_call","id":"c1","name":"search_flights","arguments":{"to":"OSL","date":"2026-05-03"}}],"finish_reason":"tool_call"}]""");
                chat.SetTag("gen_ai.usage.input_tokens", 42);
                chat.SetTag("gen_ai.usage.output_tokens", 7);
            }
            using (var toolSpan = source.StartActivity("execute_tool search_flights", ActivityKind.Internal)!)
            {
                toolSpan.SetTag("gen_ai.operation.name", "execute_tool");
                toolSpan.SetTag("gen_ai.tool.name", "search_flights");
                toolSpan.SetTag("gen_ai.tool.call.id", "c1");
                toolSpan.SetTag("gen_ai.tool.call.arguments", """{"to":"OSL","date":"2026-05-03"}""");
                toolSpan.SetTag("error.type", "TimeoutError");
                toolSpan.SetStatus(ActivityStatusCode.Error, "upstream timed out");
            }
        }
        Assert.True(provider.ForceFlush(10_000));

        var trace = await host.WaitForTraceAsync(traceId);

        Assert.Equal("travel-agent", (string?)trace["serviceName"]);
        Assert.Equal("conv-42", (string?)trace["conversationId"]);
        Assert.Equal(3, (int)trace["spanCount"]!);
        var llm = Assert.Single(trace["llmCalls"]!.AsArray())!;
        Assert.Equal("gpt-4o", (string?)llm["model"]);
        Assert.Equal("search_flights", (string?)llm["toolCalls"]![0]!["name"]);
        var tool = Assert.Single(trace["toolExecutions"]!.AsArray())!;
        Assert.Equal("search_flights", (string?)tool["name"]);
        Assert.NotNull((string?)tool["error"]);
        Assert.Contains(trace["messages"]!.AsArray(), m => (string?)m!["role"] == "user" && ((string?)m["content"])!.Contains("Oslo"));
        Assert.Contains(trace["signals"]!.AsArray(), s => (string?)s!["kind"] == "tool_failure");
    }
}
