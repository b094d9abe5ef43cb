using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Signals.Rules;
using BetterHarness.Ingest.Domain.Spans;
using static BetterHarness.Ingest.Tests.Domain.TestSpans;

namespace BetterHarness.Ingest.Tests.Domain;

/// <summary>Transcripts ordered by what the messages say when span timestamps disagree (clock resolution, skew).</summary>
public sealed class TranscriptTimingTests
{
    private const long Millisecond = 1_000_000;

    /// <summary>A chat span from <paramref name="start"/> to <paramref name="end"/> nanoseconds after second 1.</summary>
    private static RawSpan Chat(string id, long start, long end, string input, string output) =>
        Span(id, "root", "chat", 1, 1, ("gen_ai.operation.name", "chat"), ("gen_ai.input.messages", input), ("gen_ai.output.messages", output))
            with { StartUnixNano = At(1) + start, EndUnixNano = At(1) + end };

    private static string Messages(params (string Role, string Text)[] messages) =>
        "[" + string.Join(",", messages.Select(m => $$"""{"role":"{{m.Role}}","parts":[{"type":"text","content":"{{m.Text}}"}]}""")) + "]";

    private const string Answer = "Flight DY1102 leaves Oslo at 08:10 and lands in Berlin at 10:05 for 129 EUR.";

    [Fact]
    public void Next_call_stamped_before_the_previous_ended_does_not_duplicate_its_answer_nor_loop()
    {
        // The JS SDK stamps starts in whole milliseconds and ends in fractions: c2 "starts" 0.4 ms before c1 ends.
        RawSpan[] spans =
        [
            Span("root", null, "invoke_agent", 0, 10, ("gen_ai.operation.name", "invoke_agent")),
            Chat("c1", 0, 12 * Millisecond + 400_000, Messages(("user", "Flights Oslo to Berlin?")), Messages(("assistant", Answer))),
            Chat("c2", 12 * Millisecond, 20 * Millisecond, Messages(("user", "Flights Oslo to Berlin?"), ("assistant", Answer), ("user", "Thanks, book it.")),
                Messages(("assistant", "Booked: your reference is QX12."))),
        ];

        var trace = TraceEvaluator.Evaluate(TraceId, spans, []);

        Assert.Equal(["user:Flights Oslo to Berlin?", "assistant:" + Answer, "user:Thanks, book it.", "assistant:Booked: your reference is QX12."],
            Transcript.Lines(trace));
        Assert.Equal("c1", trace.Messages[1].SpanId);
        Assert.DoesNotContain(trace.Signals, s => s.Kind == "loop");
    }

    [Fact]
    public void History_that_extends_the_previous_input_puts_that_calls_output_first()
    {
        // Legacy OpenLLMetry: the tool-call turn is missing from the next history, so only the longer history proves the order.
        RawSpan[] spans =
        [
            Span("root", null, "invoke_agent", 0, 10, ("gen_ai.operation.name", "invoke_agent")),
            Span("c1", "root", "openai.chat", 1, 1, ("llm.request.type", "chat"),
                ("gen_ai.prompt.0.role", "user"), ("gen_ai.prompt.0.content", "Weather in Oslo?"),
                ("gen_ai.completion.0.role", "assistant"), ("gen_ai.completion.0.content", ""),
                ("gen_ai.completion.0.tool_calls.0.name", "weather"), ("gen_ai.completion.0.tool_calls.0.arguments", """{"city":"Oslo"}"""))
                with { StartUnixNano = At(1), EndUnixNano = At(1) + 5 * Millisecond + 300_000 },
            Span("c2", "root", "openai.chat", 1, 1, ("llm.request.type", "chat"),
                ("gen_ai.prompt.0.role", "user"), ("gen_ai.prompt.0.content", "Weather in Oslo?"),
                ("gen_ai.prompt.1.role", "assistant"), ("gen_ai.prompt.1.content", "null"),
                ("gen_ai.prompt.2.role", "tool"), ("gen_ai.prompt.2.content", "12 C, rain"),
                ("gen_ai.completion.0.role", "assistant"), ("gen_ai.completion.0.content", "It is 12 C and raining in Oslo."))
                with { StartUnixNano = At(1) + 5 * Millisecond, EndUnixNano = At(1) + 9 * Millisecond },
        ];

        var trace = TraceEvaluator.Evaluate(TraceId, spans, []);

        Assert.Equal(["user:Weather in Oslo?", "assistant:weather", "tool:12 C, rain", "assistant:It is 12 C and raining in Oslo."], Transcript.Lines(trace));
        var call = Assert.Single(trace.Messages[1].ToolCalls!);
        Assert.Equal("paired:1", call.CallId);
        Assert.Equal(call.CallId, trace.Messages[2].ToolCallId);
        Assert.Empty(trace.Signals);
    }

    [Fact]
    public void Same_answer_generated_again_by_another_call_is_still_a_loop()
    {
        RawSpan[] spans =
        [
            Span("root", null, "invoke_agent", 0, 10, ("gen_ai.operation.name", "invoke_agent")),
            Chat("c1", 0, 5 * Millisecond, Messages(("user", "Book DY1102.")), Messages(("assistant", Answer))),
            Chat("c2", 6 * Millisecond, 9 * Millisecond, Messages(("user", "Book DY1102."), ("assistant", Answer), ("user", "Book it!")), Messages(("assistant", Answer))),
        ];

        var trace = TraceEvaluator.Evaluate(TraceId, spans, []);

        Assert.Equal(4, trace.Messages.Count);
        Assert.Equal("c2", Assert.Single(trace.Signals, s => s.Kind == "loop").SpanId);
    }
}
