using System.Text.Json;
using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Tests.Domain;

/// <summary>Real traces (tau-bench, Who&amp;When; see Fixtures/*/README.md) through normalisation and detection.</summary>
public sealed class RecordedTraceTests
{
    private static readonly Dictionary<string, NormalizedTrace> Traces = Load("taubench/airline-sample").Concat(Load("whowhen/captainagent-sample"))
        .ToDictionary(t => t.TraceId);

    private static readonly Dictionary<string, JsonElement> Labels = LoadLabels("taubench/airline-sample.labels.jsonl")
        .Concat(LoadLabels("whowhen/captainagent-sample.labels.jsonl")).ToDictionary(l => l.GetProperty("traceId").GetString()!);

    [Theory]
    [InlineData("268e234c52e0339ba0fa882f55364d10")]
    [InlineData("be046caedae2cd6a1d2c42ac2d054a5b")]
    [InlineData("ba12ace2fb04817b91cf448a6903b4e6")]
    [InlineData("c2b090b2794dfbc39b6b192312fcfd39")]
    public void Taubench_transcript_has_every_user_turn_and_tool_call_once(string traceId)
    {
        var trace = Traces[traceId];
        var label = Labels[traceId];

        Assert.Equal(label.GetProperty("user_turns").GetInt32(), trace.Messages.Count(m => m.Role == "user"));
        var expected = label.GetProperty("actual_tool_calls").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(expected, trace.ToolExecutions.Select(t => t.Name));
        Assert.Equal(expected, trace.Messages.Where(m => m.ToolCalls is not null).SelectMany(m => m.ToolCalls!).Select(c => c.Name));
        Assert.Equal(trace.LlmCalls.Count, trace.Messages.Count(m => m.Role == "assistant"));
        Assert.Equal(("tau-bench.airline", "airline-agent"), (trace.ServiceName, trace.AgentName));
        Assert.Equal(["gen_ai"], trace.Conventions);
        Assert.StartsWith("# Airline Agent Policy", trace.SystemInstructions);
    }

    [Fact]
    public void Taubench_failed_booking_is_a_tool_failure()
    {
        var signal = Assert.Single(Traces["268e234c52e0339ba0fa882f55364d10"].Signals);

        Assert.Equal(("tool_failure", "b3c85aaee535d6fc"), (signal.Kind, signal.SpanId));
        Assert.Contains("payment amount does not add up", signal.Evidence);
    }

    [Theory]
    [InlineData("be046caedae2cd6a1d2c42ac2d054a5b", "ec4484f54adc6959", "there's a mix-up")]
    [InlineData("ba12ace2fb04817b91cf448a6903b4e6", "c354c8a07ced1dd8", "I did purchase insurance")]
    public void Taubench_user_corrections_are_found_on_the_turn_that_makes_them(string traceId, string spanId, string text)
    {
        // The first correction of each trace. In ba12ace… the user insists again a turn later ("as I'm sure I purchased
        // insurance"), which the hand labels (taubench-airline-labelled.jsonl) also mark a correction, so it may fire too.
        var signal = Traces[traceId].Signals.First(s => s.Kind == "user_correction");

        Assert.Equal(spanId, signal.SpanId);
        Assert.Contains(text, signal.Evidence);
    }

    [Fact]
    public void Taubench_clean_run_has_no_signals() => Assert.Empty(Traces["c2b090b2794dfbc39b6b192312fcfd39"].Signals);

    [Fact]
    public void Whowhen_multi_agent_trace_has_agent_turns_tool_failures_and_a_loop()
    {
        var trace = Traces["722405591d9d25645a1a67907e1b3a1d"];

        Assert.Equal("CaptainAgent", trace.AgentName);
        Assert.Equal(8, trace.Agents.Count);
        // Seven agent turns with output; the web surfer's repeated page is kept, not merged away.
        Assert.Equal(7, trace.Messages.Count(m => m.Role == "assistant"));
        Assert.Equal(3, trace.Messages.Count(m => m.Role == "tool"));
        Assert.Equal(["9cec3def897da4f4", "d61d00f679f206eb"], trace.Signals.Where(s => s.Kind == "tool_failure").Select(s => s.SpanId).Order());
        Assert.Contains(trace.Signals, s => s.Kind == "loop" && s.SpanId == "4f2e663b4ee14100");
    }

    private static IEnumerable<NormalizedTrace> Load(string name)
    {
        return OtlpJsonLoader.Lines(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".otlp.jsonl"))
            .Select(OtlpJsonLoader.ReadRequest)
            .Select(spans => TraceEvaluator.Evaluate(spans[0].TraceId, spans, []))
            .ToList();
    }

    private static IEnumerable<JsonElement> LoadLabels(string name) =>
        OtlpJsonLoader.Lines(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
