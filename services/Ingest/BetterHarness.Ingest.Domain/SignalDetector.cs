using BetterHarness.Ingest.Domain.Signals;
using BetterHarness.Ingest.Domain.Signals.Rules;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain;

/// <summary>Runs the signal rules (one <see cref="ISignalRule"/> per signal kind) over a normalised trace.</summary>
public static class SignalDetector
{
    public static IReadOnlyList<ISignalRule> DefaultRules { get; } =
    [
        new ErrorRule(), new ExceptionRule(), new ToolFailureRule(), new LoopRule(), new StepLimitRule(),
        new OverAskingRule(), new NegativeFeedbackRule(), new UserCorrectionRule(),
    ];

    public static IReadOnlyList<Signal> Detect(NormalizedTrace trace) => Detect(trace, DefaultRules);

    public static IReadOnlyList<Signal> Detect(NormalizedTrace trace, IReadOnlyList<ISignalRule> rules) =>
        [.. rules.SelectMany(r => r.Detect(trace))];
}
