namespace BetterHarness.Optimizer.Domain.Rollouts;

/// <summary>Traces of one arm since the rollout started, and how many failed and were corrected.</summary>
public sealed record ArmCounts(long Traces, long Failed, long Corrected);

/// <summary>The test's settings: α over both rates together, the mixture's τ, the smallest sample it decides on, and
/// (0 = never) the canary traces after which a canary with no harm is promoted without a person.</summary>
public sealed record CanarySettings(double Alpha = 0.05, double Tau = 0.1, int MinTracesPerArm = 30, int AutoPromoteAfter = 0);

/// <summary>What the monitor concluded at one look.</summary>
/// <param name="Action">continue, rollback or promote.</param>
/// <param name="Reason">Why, in a sentence a person reads on the page and in the alert.</param>
public sealed record CanaryVerdict(string Action, string Reason, double FailureLikelihoodRatio, double CorrectionLikelihoodRatio)
{
    public const string Continue = "continue";
    public const string Rollback = "rollback";
    public const string Promote = "promote";
}

/// <summary>
/// Decides a running canary from the counts of both arms: rolls it back as soon as its failure or correction rate is
/// significantly higher than the current version's (<see cref="MixtureSprt"/>, each rate at α/2: Bonferroni over the
/// two), never before both arms have <see cref="CanarySettings.MinTracesPerArm"/> traces; optionally promotes it after
/// <see cref="CanarySettings.AutoPromoteAfter"/> canary traces without harm.
/// </summary>
public static class CanaryMonitor
{
    public static CanaryVerdict Decide(ArmCounts canary, ArmCounts current, CanarySettings settings)
    {
        var failureLr = MixtureSprt.LikelihoodRatio(canary.Failed, canary.Traces, current.Failed, current.Traces, settings.Tau);
        var correctionLr = MixtureSprt.LikelihoodRatio(canary.Corrected, canary.Traces, current.Corrected, current.Traces, settings.Tau);
        if (canary.Traces < settings.MinTracesPerArm || current.Traces < settings.MinTracesPerArm)
            return new CanaryVerdict(CanaryVerdict.Continue,
                $"collecting: {canary.Traces} canary and {current.Traces} current traces of the {settings.MinTracesPerArm} each the test needs", failureLr, correctionLr);
        var alpha = settings.Alpha / 2;
        if (MixtureSprt.Harmful(canary.Failed, canary.Traces, current.Failed, current.Traces, settings.Tau, alpha))
            return new CanaryVerdict(CanaryVerdict.Rollback,
                $"failure rate {Rate(canary.Failed, canary.Traces)} on the canary against {Rate(current.Failed, current.Traces)} on the current version; " +
                $"the sequential test (mSPRT) crossed 1/α at likelihood ratio {failureLr:0.#} (α = {alpha:0.###})", failureLr, correctionLr);
        if (MixtureSprt.Harmful(canary.Corrected, canary.Traces, current.Corrected, current.Traces, settings.Tau, alpha))
            return new CanaryVerdict(CanaryVerdict.Rollback,
                $"correction rate {Rate(canary.Corrected, canary.Traces)} on the canary against {Rate(current.Corrected, current.Traces)} on the current version; " +
                $"the sequential test (mSPRT) crossed 1/α at likelihood ratio {correctionLr:0.#} (α = {alpha:0.###})", failureLr, correctionLr);
        if (settings.AutoPromoteAfter > 0 && canary.Traces >= settings.AutoPromoteAfter)
            return new CanaryVerdict(CanaryVerdict.Promote,
                $"{canary.Traces} canary traces without significant harm (failure {Rate(canary.Failed, canary.Traces)} vs {Rate(current.Failed, current.Traces)}, " +
                $"correction {Rate(canary.Corrected, canary.Traces)} vs {Rate(current.Corrected, current.Traces)}); automatic promotion is configured after {settings.AutoPromoteAfter}",
                failureLr, correctionLr);
        return new CanaryVerdict(CanaryVerdict.Continue, "no significant harm so far", failureLr, correctionLr);
    }

    private static string Rate(long events, long traces) =>
        traces == 0 ? "n/a" : $"{100.0 * events / traces:0.#}% ({events}/{traces})";
}
