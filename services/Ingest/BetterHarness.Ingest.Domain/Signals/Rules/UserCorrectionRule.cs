using BetterHarness.Contracts;
using BetterHarness.Corrections;
using BetterHarness.Ingest.Domain.Normalization.Messages;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>
/// A user turn that corrects the assistant turn before it, scored by the shared <see cref="CorrectionEvidence"/>
/// (fires at <paramref name="threshold"/> and above), and any feedback that carries a correction text
/// (score 1: a person wrote down what should have happened).
/// </summary>
public sealed class UserCorrectionRule(double threshold = 0.5) : ISignalRule
{
    public IEnumerable<Signal> Detect(NormalizedTrace trace)
    {
        string? previousAssistant = null;
        foreach (var message in trace.Messages)
        {
            if (message.Role == Roles.Assistant && message.Content.Length > 0) previousAssistant = message.Content;
            if (message.Role != Roles.User || previousAssistant is null) continue;
            var (score, cue) = CorrectionEvidence.Explain(previousAssistant, message.Content);
            if (score >= threshold)
                yield return new Signal(SignalKinds.UserCorrection, message.SpanId, Evidence.Short($"[{cue}] {message.Content}"), Score: score);
        }
        foreach (var feedback in trace.Feedback.Where(f => !string.IsNullOrWhiteSpace(f.Correction)))
            yield return new Signal(SignalKinds.UserCorrection, feedback.SpanId, Evidence.Short($"{feedback.Source}: {feedback.Correction}"), Score: 1.0);
    }
}
