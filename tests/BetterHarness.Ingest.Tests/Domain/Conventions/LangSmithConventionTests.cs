using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Spans;
using static BetterHarness.Ingest.Tests.Domain.TestSpans;

namespace BetterHarness.Ingest.Tests.Domain.Conventions;

public sealed class LangSmithConventionTests
{
    [Fact]
    public void Reads_run_types_session_metadata_and_prompt_attributes()
    {
        RawSpan[] spans =
        [
            Span("ch", null, "RunnableSequence", 0, 10, ("langsmith.span.kind", "chain"), ("langsmith.trace.session_id", "thread-3"),
                ("langsmith.metadata.user_id", "carol"), ("langsmith.metadata.release", "v2")),
            Span("l1", "ch", "ChatAnthropic", 1, 2, ("langsmith.span.kind", "llm"), ("gen_ai.system", "anthropic"),
                ("gen_ai.prompt.0.message.role", "human"), ("gen_ai.prompt.0.message.content", "What is 2+2?"),
                ("gen_ai.completion.0.message.role", "ai"), ("gen_ai.completion.0.message.content", "Let me calculate."),
                ("gen_ai.completion.0.tool_calls.0.name", "calculator"), ("gen_ai.completion.0.tool_calls.0.arguments", """{"expr":"2+2"}""")),
            Span("t1", "ch", "calculator", 3, 4, ("langsmith.span.kind", "tool"), ("langsmith.trace.name", "calculator"),
                ("gen_ai.prompt", """{"expr":"2+2"}"""), ("gen_ai.completion", "4")),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal(["langsmith"], trace.Conventions.Where(c => c != "gen_ai"));
        Assert.Equal(("thread-3", "carol"), (trace.ConversationId, trace.UserId));
        Assert.Equal(["chain", "llm", "tool"], trace.Spans.Select(s => s.Kind));
        var tool = Assert.Single(trace.ToolExecutions);
        Assert.Equal(("calculator", """{"expr":"2+2"}""", "4"), (tool.Name, tool.Arguments, tool.Result));
        Assert.Equal(["user:What is 2+2?", "assistant:Let me calculate.", "tool:4"], Transcript.Lines(trace));
        Assert.Equal("v2", trace.Spans[0].Attributes["langsmith.metadata.release"]);
    }
}
