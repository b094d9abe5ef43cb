using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Spans;
using static BetterHarness.Ingest.Tests.Domain.TestSpans;

namespace BetterHarness.Ingest.Tests.Domain.Conventions;

public sealed class GenAiConventionTests
{
    private const string Input1 = """
        [{"role":"system","parts":[{"type":"text","content":"Be brief."}]},
         {"role":"user","parts":[{"type":"text","content":"Weather in Paris?"}]}]
        """;
    private const string Output1 = """
        [{"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"get_weather","arguments":{"city":"Paris"}}],"finish_reason":"tool_call"}]
        """;
    private const string Input2 = """
        [{"role":"user","parts":[{"type":"text","content":"Weather in Paris?"}]},
         {"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"get_weather","arguments":"{\"city\": \"Paris\"}"}]},
         {"role":"tool","parts":[{"type":"tool_call_response","id":"call_1","response":"rain, 12C"}]}]
        """;
    private const string Output2 = """[{"role":"assistant","parts":[{"type":"text","content":"Rainy, 12C."}],"finish_reason":"stop"}]""";

    [Fact]
    public void Reads_current_semconv_agent_chat_and_tool_spans()
    {
        RawSpan[] spans =
        [
            Span("a1", null, "invoke_agent weather", 0, 10, ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.agent.name", "weather"),
                ("gen_ai.conversation.id", "conv-1"), ("gen_ai.provider.name", "openai"), ("user.id", "u-7"),
                ("gen_ai.system_instructions", """[{"type":"text","content":"Be brief."}]"""),
                ("gen_ai.tool.definitions", """[{"type":"function","name":"get_weather","parameters":{}}]""")),
            Span("c1", "a1", "chat gpt-4o", 1, 2, ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"),
                ("gen_ai.request.model", "gpt-4o"), ("gen_ai.input.messages", Input1), ("gen_ai.output.messages", Output1),
                ("gen_ai.usage.input_tokens", 20L), ("gen_ai.usage.output_tokens", 5L), ("gen_ai.response.finish_reasons", new List<object?> { "tool_calls" })),
            Span("t1", "a1", "execute_tool get_weather", 3, 4, ("gen_ai.operation.name", "execute_tool"), ("gen_ai.tool.name", "get_weather"),
                ("gen_ai.tool.call.id", "call_1"), ("gen_ai.tool.call.arguments", """{"city":"Paris"}"""), ("gen_ai.tool.call.result", "rain, 12C")),
            Span("c2", "a1", "chat gpt-4o", 5, 6, ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "gpt-4o"),
                ("gen_ai.input.messages", Input2), ("gen_ai.output.messages", Output2), ("custom.flag", true)),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal(["gen_ai"], trace.Conventions);
        Assert.Equal(("weather", "conv-1", "u-7", "test-agent", "a1"), (trace.AgentName, trace.ConversationId, trace.UserId, trace.ServiceName, trace.RootSpanId));
        Assert.Equal("Be brief.", trace.SystemInstructions);
        Assert.Equal(["get_weather"], trace.AvailableTools);
        var first = trace.LlmCalls[0];
        Assert.Equal(("openai", "gpt-4o", "tool_calls", 20L, 5L), (first.Provider, first.Model, first.FinishReason, first.InputTokens, first.OutputTokens));
        Assert.Equal(new ToolRequestShape("get_weather", """{"city":"Paris"}""", "call_1"), ToolRequestShape.Of(first.ToolCalls.Single()));
        var tool = Assert.Single(trace.ToolExecutions);
        Assert.Equal(("get_weather", "call_1", "rain, 12C", (string?)null), (tool.Name, tool.CallId, tool.Result, tool.Error));
        Assert.Equal(["user:Weather in Paris?", "assistant:get_weather", "tool:rain, 12C", "assistant:Rainy, 12C."], Transcript.Lines(trace));
        Assert.Equal("agent", trace.Spans.Single(s => s.SpanId == "a1").Kind);
        Assert.Equal(true, trace.Spans.Single(s => s.SpanId == "c2").Attributes["custom.flag"]);
        Assert.DoesNotContain("gen_ai.input.messages", trace.Spans.Single(s => s.SpanId == "c2").Attributes.Keys);
    }

    [Fact]
    public void Reads_deprecated_attributes_and_message_events()
    {
        var chat = Span("c1", null, "chat gpt-4", 0, 2, ("gen_ai.operation.name", "chat"), ("gen_ai.system", "openai"),
            ("gen_ai.request.model", "gpt-4"), ("gen_ai.usage.prompt_tokens", 11L), ("gen_ai.usage.completion_tokens", 3L)) with
        {
            Events =
            [
                Event("gen_ai.system.message", 0, ("content", "You are helpful.")),
                Event("gen_ai.user.message", 0, ("content", "Cancel order 42")),
                Event("gen_ai.choice", 2, ("finish_reason", "tool_calls"),
                    ("message", """{"role":"assistant","tool_calls":[{"id":"c9","type":"function","function":{"name":"cancel_order","arguments":"{\"id\":42}"}}]}""")),
            ],
        };

        var trace = TraceNormalizer.Normalize(TraceId, [chat], []);

        var call = Assert.Single(trace.LlmCalls);
        Assert.Equal(("openai", 11L, 3L, "tool_calls"), (call.Provider, call.InputTokens, call.OutputTokens, call.FinishReason));
        Assert.Equal("You are helpful.", trace.SystemInstructions);
        Assert.Equal(["user:Cancel order 42", "assistant:cancel_order"], Transcript.Lines(trace));
        Assert.Equal("""{"id":42}""", call.ToolCalls.Single().Arguments);
    }

    [Fact]
    public void Reads_content_prompt_and_completion_events()
    {
        var chat = Span("c1", null, "chat", 0, 1, ("gen_ai.operation.name", "chat")) with
        {
            Events =
            [
                Event("gen_ai.content.prompt", 0, ("gen_ai.prompt", """[{"role":"user","content":"Hi"}]""")),
                Event("gen_ai.content.completion", 1, ("gen_ai.completion", """[{"role":"assistant","content":"Hello!"}]""")),
            ],
        };

        var trace = TraceNormalizer.Normalize(TraceId, [chat], []);

        Assert.Equal(["user:Hi", "assistant:Hello!"], Transcript.Lines(trace));
    }

    [Fact]
    public void Reads_evaluation_result_events_as_feedback()
    {
        var chat = Span("c1", null, "chat", 0, 1, ("gen_ai.operation.name", "chat")) with
        {
            Events = [Event("gen_ai.evaluation.result", 1, ("gen_ai.evaluation.name", "relevance"), ("gen_ai.evaluation.score.value", 0.2),
                ("gen_ai.evaluation.score.label", "not_relevant"), ("gen_ai.evaluation.explanation", "off topic"))],
        };

        var trace = TraceNormalizer.Normalize(TraceId, [chat], []);

        var feedback = Assert.Single(trace.Feedback);
        Assert.Equal(("relevance", 0.2, "not_relevant", "off topic", "c1", "gen_ai.evaluation.result"),
            (feedback.Name, feedback.Score, feedback.Label, feedback.Comment, feedback.SpanId, feedback.Source));
    }
}
