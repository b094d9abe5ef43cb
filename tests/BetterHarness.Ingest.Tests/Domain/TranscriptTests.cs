using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Spans;
using static BetterHarness.Ingest.Tests.Domain.TestSpans;

namespace BetterHarness.Ingest.Tests.Domain;

public sealed class TranscriptTests
{
    private static RawSpan Chat(string id, int start, string input, string output) =>
        Span(id, "root", "chat", start, start + 1, ("gen_ai.operation.name", "chat"), ("gen_ai.input.messages", input), ("gen_ai.output.messages", output));

    private static string Messages(params (string Role, string Text)[] messages) =>
        "[" + string.Join(",", messages.Select(m => $$"""{"role":"{{m.Role}}","parts":[{"type":"text","content":"{{m.Text}}"}]}""")) + "]";

    [Fact]
    public void Lists_each_message_once_when_every_call_repeats_the_history()
    {
        RawSpan[] spans =
        [
            Span("root", null, "invoke_agent", 0, 10, ("gen_ai.operation.name", "invoke_agent")),
            Chat("c1", 1, Messages(("system", "sys"), ("user", "hi")), Messages(("assistant", "hello, your id?"))),
            Chat("c2", 3, Messages(("system", "sys"), ("user", "hi"), ("assistant", "hello, your id?"), ("user", "id 5")), Messages(("assistant", "thanks"))),
            Chat("c3", 5, Messages(("user", "hi"), ("assistant", "hello, your id?"), ("user", "id 5"), ("assistant", "thanks"), ("user", "yes")), Messages(("assistant", "done"))),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal(["user:hi", "assistant:hello, your id?", "user:id 5", "assistant:thanks", "user:yes", "assistant:done"], Transcript.Lines(trace));
        Assert.Equal("c2", trace.Messages[2].SpanId);
    }

    [Fact]
    public void Keeps_repeated_turns_when_inputs_hold_only_the_new_messages()
    {
        RawSpan[] spans =
        [
            Span("root", null, "invoke_agent", 0, 10, ("gen_ai.operation.name", "invoke_agent")),
            Chat("c1", 1, Messages(("user", "Change my seat")), Messages(("assistant", "Shall I also add a bag?"))),
            Chat("c2", 3, Messages(("user", "yes")), Messages(("assistant", "Shall I also add a bag?"))),
            Chat("c3", 5, Messages(("user", "yes")), Messages(("assistant", "Shall I also add a bag?"))),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal(
            ["user:Change my seat", "assistant:Shall I also add a bag?", "user:yes", "assistant:Shall I also add a bag?", "user:yes", "assistant:Shall I also add a bag?"],
            Transcript.Lines(trace));
    }

    [Fact]
    public void Merges_user_message_events_and_tool_results_recorded_twice()
    {
        var root = Span("root", null, "invoke_agent", 0, 10, ("gen_ai.operation.name", "invoke_agent")) with
        {
            Events = [Event("gen_ai.user.message", 1, ("content", "balance?")), Event("gen_ai.user.message", 5, ("content", "thanks"))],
        };
        RawSpan[] spans =
        [
            root,
            Chat("c1", 1, Messages(("user", "balance?")), """[{"role":"assistant","parts":[{"type":"tool_call","id":"k1","name":"balance","arguments":{}}]}]"""),
            Span("t1", "root", "execute_tool balance", 2, 3, ("gen_ai.operation.name", "execute_tool"), ("gen_ai.tool.name", "balance"),
                ("gen_ai.tool.call.id", "k1"), ("gen_ai.tool.call.result", "{\"eur\": 10}")),
            Chat("c2", 3, """[{"role":"tool","parts":[{"type":"tool_call_response","id":"k1","result":"{\"eur\":10}"}]}]""", Messages(("assistant", "10 EUR"))),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal(["user:balance?", "assistant:balance", "tool:{\"eur\": 10}", "assistant:10 EUR", "user:thanks"], Transcript.Lines(trace));
        Assert.Equal(["c1", "c1", "t1", "c2", "root"], trace.Messages.Select(m => m.SpanId));
    }
}
