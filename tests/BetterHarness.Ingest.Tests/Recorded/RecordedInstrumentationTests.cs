using System.Text.Json.Nodes;
using BetterHarness.Testing;

namespace BetterHarness.Ingest.Tests.Recorded;

/// <summary>
/// What real, unmodified instrumentations of the official openai SDK export (recorded by
/// Fixtures/instrumentations/capture, millisecond clock skew included), replayed byte for byte over
/// OTLP/HTTP to a running ingest: every instrumentation must yield the same conversation.
/// </summary>
public sealed class RecordedInstrumentationTests(RecordedInstrumentationTests.Host fixture) : IClassFixture<RecordedInstrumentationTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public IngestHost Ingest { get; private set; } = null!;

        // A quiet window well above the gap between two replayed requests, so no trace completes half-sent.
        public async Task InitializeAsync() => Ingest = await IngestHost.StartAsync(settings: new() { ["BetterHarness:Ingest:QuietWindow"] = "00:00:01" });

        public async Task DisposeAsync() => await Ingest.DisposeAsync();
    }

    public static TheoryData<string> Instrumentations => ["openinference", "openllmetry", "openllmetry-legacy", "otel-genai"];

    private static readonly string[] FailureKinds = ["error", "exception", "tool_failure", "loop", "step_limit", "over_asking", "negative_feedback"];

    private async Task<(JsonObject Healthy, JsonObject Correction)> ReplayAsync(string instrumentation)
    {
        var exports = RecordedExports.Load(instrumentation);
        await RecordedExports.ReplayAsync(fixture.Ingest, exports);
        return (await fixture.Ingest.WaitForTraceAsync(RecordedExports.TraceIdOf(exports, "agent healthy")),
            await fixture.Ingest.WaitForTraceAsync(RecordedExports.TraceIdOf(exports, "agent correction")));
    }

    [Theory]
    [MemberData(nameof(Instrumentations))]
    public async Task Healthy_conversation_has_every_turn_once_in_order_and_no_signal(string instrumentation)
    {
        var (trace, _) = await ReplayAsync(instrumentation);

        Assert.Equal(RecordedExports.SystemPrompt, (string?)trace["systemInstructions"]);
        Assert.Equal(
        [
            "user: Find me a flight from Oslo to Berlin on May 3.",
            """assistant: search_flights({"origin":"OSL","destination":"BER","date":"2026-05-03"})""",
            """tool: {"flights":[{"flight":"DY1102","departs":"08:10","price_eur":129}]}""",
            "assistant: DY1102 leaves Oslo at 08:10 on May 3 and arrives in Berlin at 10:05; the fare is 129 EUR.",
            "user: Does that fare include a checked bag?",
            "assistant: Yes: the 129 EUR fare includes one checked bag of up to 23 kg.",
        ], RecordedExports.Lines(trace));
        AssertToolResultsPairedWithTheirCalls(trace);
        Assert.Empty(trace["signals"]?.AsArray() ?? []);
        Assert.Equal(3, trace["llmCalls"]!.AsArray().Count);
        Assert.All(trace["llmCalls"]!.AsArray(), c => Assert.NotNull((string?)c!["finishReason"]));
    }

    [Theory]
    [MemberData(nameof(Instrumentations))]
    public async Task Correction_is_detected_and_nothing_else_fires(string instrumentation)
    {
        var (_, trace) = await ReplayAsync(instrumentation);

        Assert.Equal(
        [
            "user: I need a flight from Oslo to Bergen on June 12.",
            """assistant: search_flights({"origin":"OSL","destination":"BER","date":"2026-06-12"})""",
            """tool: {"flights":[{"flight":"DY1104","departs":"07:00","price_eur":139}]}""",
            "assistant: DY1104 flies from Oslo to Berlin at 07:00 on June 12 for 139 EUR.",
            "user: No, I meant Bergen, not Berlin. Please search again.",
            """assistant: search_flights({"origin":"OSL","destination":"BGO","date":"2026-06-12"})""",
            """tool: {"flights":[{"flight":"WF512","departs":"09:30","price_eur":89}]}""",
            "assistant: Sorry about that. WF512 flies from Oslo to Bergen at 09:30 on June 12 for 89 EUR.",
        ], RecordedExports.Lines(trace));
        AssertToolResultsPairedWithTheirCalls(trace);
        var signals = trace["signals"]!.AsArray().Select(s => ((string)s!["kind"]!, (string)s["evidence"]!)).ToList();
        Assert.Contains(signals, s => s.Item1 == "user_correction" && s.Item2.Contains("I meant Bergen", StringComparison.Ordinal));
        Assert.DoesNotContain(signals, s => FailureKinds.Contains(s.Item1));
    }

    private static void AssertToolResultsPairedWithTheirCalls(JsonObject trace)
    {
        var messages = trace["messages"]!.AsArray();
        for (var i = 0; i < messages.Count; i++)
        {
            if ((string?)messages[i]!["role"] != "tool") continue;
            var call = messages[i - 1]!["toolCalls"]!.AsArray().Single()!;
            Assert.NotNull((string?)call["callId"]);
            Assert.Equal((string?)call["callId"], (string?)messages[i]!["toolCallId"]);
        }
    }
}
