using BetterHarness.Ingest.Domain.Signals.Rules;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Tests.Domain.Signals;

public sealed class NegativeFeedbackRuleTests
{
    private static FeedbackEntry Feedback(double? score, string? label) => new(TestSpans.TraceId, "c1", score, label, "comment", null, "api", 0);

    [Theory]
    [InlineData(0.1, null)]
    [InlineData(-1.0, null)]
    [InlineData(null, "thumbs_down")]
    [InlineData(null, "Incorrect")]
    [InlineData(1.0, "fail")]
    public void Fires_for_low_scores_and_negative_labels(double? score, string? label)
    {
        var signal = Assert.Single(new NegativeFeedbackRule().Detect(TestTraces.Empty with { Feedback = [Feedback(score, label)] }));

        Assert.Equal(("negative_feedback", "c1"), (signal.Kind, signal.SpanId));
    }

    [Theory]
    [InlineData(0.9, null)]
    [InlineData(null, "thumbs_up")]
    [InlineData(0.0, "correct")]
    [InlineData(null, "neutral")]
    public void Ignores_positive_or_unscored_feedback(double? score, string? label) =>
        Assert.Empty(new NegativeFeedbackRule().Detect(TestTraces.Empty with { Feedback = [Feedback(score, label)] }));
}
