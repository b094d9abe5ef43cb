using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Spans;
using static BetterHarness.Ingest.Tests.Domain.TestSpans;

namespace BetterHarness.Ingest.Tests.Domain;

public sealed class ToolResultPairingTests
{
    private static RawSpan Legacy(string id, int start, params (string Key, object? Value)[] attributes) =>
        Span(id, "root", "openai.chat", start, start + 1, [("llm.request.type", "chat"), .. attributes]);

    [Fact]
    public void Results_without_ids_pair_with_the_calls_in_order_and_null_text_is_no_turn()
    {
        RawSpan[] spans =
        [
            Span("root", null, "agent", 0, 10),
            Legacy("c1", 1, ("gen_ai.prompt.0.role", "user"), ("gen_ai.prompt.0.content", "Compare Oslo and Bergen."),
                ("gen_ai.completion.0.role", "assistant"), ("gen_ai.completion.0.content", "null"),
                ("gen_ai.completion.0.tool_calls.0.id", "call_a"), ("gen_ai.completion.0.tool_calls.0.name", "weather"),
                ("gen_ai.completion.0.tool_calls.0.arguments", """{"city":"Oslo"}"""),
                ("gen_ai.completion.0.tool_calls.1.name", "weather"), ("gen_ai.completion.0.tool_calls.1.arguments", """{"city":"Bergen"}""")),
            Legacy("c2", 3, ("gen_ai.prompt.0.role", "user"), ("gen_ai.prompt.0.content", "Compare Oslo and Bergen."),
                ("gen_ai.prompt.1.role", "assistant"), ("gen_ai.prompt.1.content", "null"),
                ("gen_ai.prompt.2.role", "tool"), ("gen_ai.prompt.2.content", "Oslo: 12 C"),
                ("gen_ai.prompt.3.role", "tool"), ("gen_ai.prompt.3.content", "Bergen: 9 C"),
                ("gen_ai.completion.0.role", "assistant"), ("gen_ai.completion.0.content", "Oslo is 3 degrees warmer.")),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal(["user:Compare Oslo and Bergen.", "assistant:weather,weather", "tool:Oslo: 12 C", "tool:Bergen: 9 C", "assistant:Oslo is 3 degrees warmer."],
            Transcript.Lines(trace));
        Assert.Equal("", trace.Messages[1].Content);
        Assert.Equal(["call_a", "paired:2"], trace.Messages[1].ToolCalls!.Select(c => c.CallId));
        Assert.Equal(["call_a", "paired:2"], trace.Messages.Where(m => m.Role == "tool").Select(m => m.ToolCallId));
    }

    [Fact]
    public void A_literal_null_answer_without_tool_calls_stays_text()
    {
        RawSpan[] spans =
        [
            Legacy("c1", 1, ("gen_ai.prompt.0.role", "user"), ("gen_ai.prompt.0.content", "Print the JSON literal for nothing."),
                ("gen_ai.completion.0.role", "assistant"), ("gen_ai.completion.0.content", "null")),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal(["user:Print the JSON literal for nothing.", "assistant:null"], Transcript.Lines(trace));
    }
}
