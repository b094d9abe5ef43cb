using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>
/// Feedback that says the run was bad: a negative label (thumbs_down, incorrect, fail, …), or, when the
/// label is not a known positive one, a score below <paramref name="scoreThreshold"/>. The default 0.5
/// fits the usual 0..1 and -1/1 scales; a 1–5 star scale needs its own threshold.
/// </summary>
public sealed class NegativeFeedbackRule(double scoreThreshold = 0.5) : ISignalRule
{
    private static readonly HashSet<string> Negative = new(StringComparer.OrdinalIgnoreCase)
    {
        "negative", "thumbs_down", "thumbsdown", "thumb_down", "down", "👎", "bad", "poor", "incorrect", "wrong",
        "fail", "failed", "failure", "unhelpful", "not_helpful", "irrelevant", "not_relevant", "hallucinated",
        "hallucination", "unsafe", "toxic", "no", "false", "reject", "rejected", "dislike",
    };

    private static readonly HashSet<string> Positive = new(StringComparer.OrdinalIgnoreCase)
    {
        "positive", "thumbs_up", "thumbsup", "thumb_up", "up", "👍", "good", "correct", "pass", "passed", "helpful",
        "relevant", "yes", "true", "accept", "accepted", "like", "factual",
    };

    public IEnumerable<Signal> Detect(NormalizedTrace trace)
    {
        foreach (var feedback in trace.Feedback)
        {
            var label = feedback.Label?.Trim().Replace(' ', '_').Replace('-', '_');
            var negative = label is not null && Negative.Contains(label)
                || (label is null || !Positive.Contains(label)) && feedback.Score < scoreThreshold;
            if (!negative) continue;
            var what = string.Join(" ", new[] { feedback.Name, label, feedback.Score?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), feedback.Comment }
                .Where(p => !string.IsNullOrWhiteSpace(p)));
            yield return new Signal(SignalKinds.NegativeFeedback, feedback.SpanId, Evidence.Short($"{feedback.Source}: {what}"), Score: feedback.Score);
        }
    }
}
