using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Traces;
using BetterHarness.Ingest.Tests.Domain.Signals;

namespace BetterHarness.Ingest.Tests.Domain;

public sealed class DigestBuilderTests
{
    private static readonly DateTimeOffset CompletedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Keeps_the_first_and_last_messages_and_caps_long_texts()
    {
        var turns = Enumerable.Range(0, 80).Select(i => (i % 2 == 0 ? "user" : "assistant", $"turn {i}")).ToArray();
        var trace = TestTraces.Conversation(turns) with
        {
            ToolExecutions = [TestTraces.Tool("t1", "dump", "{}", new string('x', 20_000))],
            Signals = [new Signal(SignalKinds.ToolFailure, "t1", "dump: too big")],
        };

        var digest = DigestBuilder.Build(trace, revision: 2, CompletedAt);

        Assert.Equal(DigestBuilder.MaxMessages, digest.Messages.Count);
        Assert.Equal("turn 0", digest.Messages[0].Content);
        Assert.Equal("turn 79", digest.Messages[^1].Content);
        Assert.True(digest.ToolCalls.Single().Result!.Length <= DigestBuilder.MaxTextChars);
        Assert.EndsWith("more chars]", digest.ToolCalls.Single().Result);
        Assert.Equal((2, true, false, CompletedAt), (digest.Revision, digest.Failed, digest.Corrected, digest.CompletedAt));
        Assert.True(digest.ShouldPublish());
    }

    [Fact]
    public void Marks_corrected_traces_without_calling_them_failed()
    {
        var trace = TestTraces.Empty with { Signals = [new Signal(SignalKinds.UserCorrection, "s2", "No, I meant LAS", Score: 0.9)] };

        var digest = DigestBuilder.Build(trace, 1, CompletedAt);

        Assert.Equal((false, true), (digest.Failed, digest.Corrected));
        Assert.True(digest.ShouldPublish());
        Assert.Equal(0.9, digest.Signals.Single().Score);
    }

    [Fact]
    public void Does_not_publish_clean_traces()
    {
        var digest = DigestBuilder.Build(TestTraces.Conversation(("user", "hi"), ("assistant", "hello")), 1, CompletedAt);

        Assert.False(digest.ShouldPublish());
    }

    [Fact]
    public void Publishes_a_trace_with_no_signal_when_a_reply_passes_the_correction_gate_and_flags_only_that_reply()
    {
        // "I remember…" disputes the agent's count, but no rule cue fires: the old regex gate never sent this trace.
        var trace = TestTraces.Conversation(
            ("user", "I'd like to add bags to my reservation."), ("assistant", "Could you provide your user id?"),
            ("user", "Sure, it's mia_li_3668."), ("assistant", "Your reservation ABC123 has one passenger."),
            ("user", "I remember there being three passengers on that booking."));
        trace = trace with { Signals = SignalDetector.Detect(trace) };

        var digest = DigestBuilder.Build(trace, 1, CompletedAt);

        Assert.Empty(trace.Signals);
        Assert.True(DigestBuilder.ShouldPublish(trace));
        Assert.True(digest.ShouldPublish());
        Assert.Equal([false, false, false, false, true], digest.Messages.Select(m => m.CorrectionCandidate));
        Assert.Equal((false, false), (digest.Failed, digest.Corrected));
    }

    [Fact]
    public void Does_not_publish_a_conversation_whose_replies_are_plainly_benign()
    {
        var trace = TestTraces.Conversation(
            ("user", "Book HAT083 please."), ("assistant", "Could you provide your user id?"), ("user", "Sure, it's mia_li_3668."),
            ("assistant", "Shall I book flight HAT083 for $100?"), ("user", "Yes, please go ahead and book it. Thank you!"));

        Assert.False(DigestBuilder.ShouldPublish(trace with { Signals = SignalDetector.Detect(trace) }));
    }

    [Fact]
    public void Feedback_correction_travels_whole_and_verbatim_beside_its_trimmed_evidence()
    {
        var correction = "Check the membership tier first:\n" + string.Concat(Enumerable.Repeat("gold members get three free bags. ", 30));
        var feedback = new FeedbackEntry(TestSpans.TraceId, "s1", 0, "thumbs_down", "wrong", correction, "api", 1);
        var trace = TestTraces.Empty with { Feedback = [feedback] };
        trace = trace with { Signals = SignalDetector.Detect(trace) };

        var digest = DigestBuilder.Build(trace, 1, CompletedAt);

        Assert.True(digest.Corrected);
        Assert.True(digest.Signals.First(s => s.Kind == SignalKinds.UserCorrection).Evidence.Length <= 300);
        var carried = Assert.Single(digest.Corrections);
        Assert.Equal((correction, "api", "s1", "wrong"), (carried.Text, carried.Source, carried.SpanId, carried.Comment));
    }
}
