using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Spans;
using static BetterHarness.Ingest.Tests.Domain.TestSpans;

namespace BetterHarness.Ingest.Tests.Domain.Conventions;

public sealed class OpenLlmetryConventionTests
{
    [Fact]
    public void Reads_legacy_prompt_attributes_entities_and_association_properties()
    {
        RawSpan[] spans =
        [
            Span("w", null, "support.workflow", 0, 10, ("traceloop.span.kind", "workflow"), ("traceloop.entity.name", "support"),
                ("traceloop.association.properties.session_id", "sess-9"), ("traceloop.association.properties.user_id", "bob")),
            Span("ag", "w", "triage.agent", 0, 10, ("traceloop.span.kind", "agent"), ("traceloop.entity.name", "triage")),
            Span("l1", "ag", "openai.chat", 1, 2, ("llm.request.type", "chat"), ("gen_ai.system", "openai"), ("gen_ai.request.model", "gpt-4o"),
                ("gen_ai.prompt.0.role", "system"), ("gen_ai.prompt.0.content", "Triage tickets."),
                ("gen_ai.prompt.1.role", "user"), ("gen_ai.prompt.1.content", "Refund order 7"),
                ("gen_ai.completion.0.role", "assistant"), ("gen_ai.completion.0.finish_reason", "tool_calls"),
                ("gen_ai.completion.0.tool_calls.0.id", "call_r"), ("gen_ai.completion.0.tool_calls.0.name", "refund"),
                ("gen_ai.completion.0.tool_calls.0.arguments", """{"order":7}"""),
                ("llm.request.functions.0.name", "refund"), ("gen_ai.usage.prompt_tokens", 40L)),
            Span("t1", "ag", "refund.tool", 3, 4, ("traceloop.span.kind", "tool"), ("traceloop.entity.name", "refund"),
                ("traceloop.entity.input", """{"args":[],"kwargs":{"order":7}}"""), ("traceloop.entity.output", """{"status":"refunded"}""")),
            Span("l2", "ag", "openai.chat", 5, 6, ("llm.request.type", "chat"),
                ("gen_ai.prompt.0.role", "user"), ("gen_ai.prompt.0.content", "Refund order 7"),
                ("gen_ai.completion.0.role", "assistant"), ("gen_ai.completion.0.content", "Order 7 is refunded."), ("gen_ai.completion.0.finish_reason", "stop")),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Contains("openllmetry", trace.Conventions);
        Assert.Equal(("sess-9", "bob", "triage"), (trace.ConversationId, trace.UserId, trace.AgentName));
        Assert.Equal(["refund"], trace.AvailableTools);
        Assert.Equal("Triage tickets.", trace.SystemInstructions);
        Assert.Equal(("tool_calls", 40L), (trace.LlmCalls[0].FinishReason, trace.LlmCalls[0].InputTokens));
        var tool = Assert.Single(trace.ToolExecutions);
        Assert.Equal(("refund", """{"order":7}""", """{"status":"refunded"}"""), (tool.Name, tool.Arguments, tool.Result));
        Assert.Equal(["user:Refund order 7", "assistant:refund", """tool:{"status":"refunded"}""", "assistant:Order 7 is refunded."], Transcript.Lines(trace));
        Assert.Equal(["chain", "agent", "llm", "tool", "llm"], trace.Spans.Select(s => s.Kind));
    }
}
