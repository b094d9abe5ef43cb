using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Spans;
using static BetterHarness.Ingest.Tests.Domain.TestSpans;

namespace BetterHarness.Ingest.Tests.Domain.Conventions;

public sealed class OpenInferenceConventionTests
{
    [Fact]
    public void Reads_flattened_messages_tools_and_session()
    {
        RawSpan[] spans =
        [
            Span("ag", null, "Agent", 0, 10, ("openinference.span.kind", "AGENT"), ("session.id", "s-1"), ("user.id", "alice"),
                ("input.value", "Book a table for 2"), ("output.value", "Booked for 19:00.")),
            Span("l1", "ag", "ChatCompletion", 1, 2, ("openinference.span.kind", "LLM"), ("llm.model_name", "gpt-4o-mini"), ("llm.provider", "openai"),
                ("llm.input_messages.0.message.role", "system"), ("llm.input_messages.0.message.content", "You book tables."),
                ("llm.input_messages.1.message.role", "user"), ("llm.input_messages.1.message.content", "Book a table for 2"),
                ("llm.output_messages.0.message.role", "assistant"),
                ("llm.output_messages.0.message.tool_calls.0.tool_call.id", "call_b"),
                ("llm.output_messages.0.message.tool_calls.0.tool_call.function.name", "book"),
                ("llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments", """{"people": 2}"""),
                ("llm.tools.0.tool.json_schema", """{"type":"function","function":{"name":"book","parameters":{}}}"""),
                ("llm.token_count.prompt", 30L), ("llm.token_count.completion", 7L)),
            Span("t1", "ag", "book", 3, 4, ("openinference.span.kind", "TOOL"), ("tool.name", "book"), ("tool_call.id", "call_b"),
                ("tool.parameters", """{"type":"object"}"""), ("input.value", """{"people": 2}"""), ("output.value", "confirmed 19:00")),
            Span("l2", "ag", "ChatCompletion", 5, 6, ("openinference.span.kind", "LLM"), ("llm.model_name", "gpt-4o-mini"),
                ("llm.input_messages.0.message.role", "user"), ("llm.input_messages.0.message.content", "Book a table for 2"),
                ("llm.input_messages.1.message.role", "assistant"),
                ("llm.input_messages.1.message.tool_calls.0.tool_call.function.name", "book"),
                ("llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments", """{"people":2}"""),
                ("llm.input_messages.2.message.role", "tool"), ("llm.input_messages.2.message.content", "confirmed 19:00"),
                ("llm.input_messages.2.message.tool_call_id", "call_b"),
                ("llm.output_messages.0.message.role", "assistant"), ("llm.output_messages.0.message.content", "Booked for 19:00.")),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal(["openinference"], trace.Conventions);
        Assert.Equal(("s-1", "alice"), (trace.ConversationId, trace.UserId));
        Assert.Equal(["book"], trace.AvailableTools);
        Assert.Equal(["user:Book a table for 2", "assistant:book", "tool:confirmed 19:00", "assistant:Booked for 19:00."], Transcript.Lines(trace));
        Assert.Equal(("openai", "gpt-4o-mini", 30L, 7L), (trace.LlmCalls[0].Provider, trace.LlmCalls[0].Model, trace.LlmCalls[0].InputTokens, trace.LlmCalls[0].OutputTokens));
        var tool = Assert.Single(trace.ToolExecutions);
        Assert.Equal(("book", "call_b", """{"people": 2}""", "confirmed 19:00"), (tool.Name, tool.CallId, tool.Arguments, tool.Result));
        var agent = Assert.Single(trace.Agents);
        Assert.Equal(("Book a table for 2", "Booked for 19:00."), (agent.Input, agent.Output));
    }

    [Fact]
    public void Reads_annotations_and_evaluator_spans_as_feedback()
    {
        RawSpan[] spans =
        [
            Span("l1", null, "llm", 0, 1, ("openinference.span.kind", "LLM"),
                ("annotations.user_feedback.label", "thumbs_down"), ("annotations.user_feedback.explanation", "wrong city"),
                ("trace.annotations.0.name", "correctness"), ("trace.annotations.0.score", 0.0)),
            Span("ev", null, "hallucination eval", 2, 3, ("openinference.span.kind", "EVALUATOR"),
                ("metadata.evaluator_name", "hallucination"), ("metadata.score", 0.1), ("metadata.label", "hallucinated"), ("output.value", "0.1"))
                with { Links = [new RawSpanLink(TraceId, "l1", RawSpan.Empty)] },
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Contains(trace.Feedback, f => f is { Name: "user_feedback", Label: "thumbs_down", Comment: "wrong city", SpanId: "l1", Source: "openinference.annotation" });
        Assert.Contains(trace.Feedback, f => f is { Name: "correctness", Score: 0.0, SpanId: null });
        Assert.Contains(trace.Feedback, f => f is { Name: "hallucination", Score: 0.1, Label: "hallucinated", SpanId: "l1", Source: "evaluator_span" });
        Assert.Equal("evaluator", trace.Spans.Single(s => s.SpanId == "ev").Kind);
    }

    [Fact]
    public void Maps_the_span_level_finish_reason()
    {
        RawSpan[] spans =
        [
            Span("l1", null, "ChatCompletion", 1, 2, ("openinference.span.kind", "LLM"), ("llm.finish_reason", "tool_calls"),
                ("llm.input_messages.0.message.role", "user"), ("llm.input_messages.0.message.content", "Weather in Oslo?"),
                ("llm.output_messages.0.message.role", "assistant"),
                ("llm.output_messages.0.message.tool_calls.0.tool_call.function.name", "weather"),
                ("llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments", """{"city":"Oslo"}""")),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal("tool_calls", Assert.Single(trace.LlmCalls).FinishReason);
        Assert.DoesNotContain("llm.finish_reason", trace.Spans[0].Attributes.Keys);
    }
}
