namespace BetterHarness.Optimizer.Domain.Rollouts;

/// <summary>
/// The mixture sequential probability ratio test (mSPRT; Robbins 1970, as "always valid inference" in Johari, Pekelis
/// and Walsh 2017) for "the canary's rate is higher than the current version's". It may be evaluated after every new
/// trace, for as long as the rollout runs, and still keeps the chance of ever rejecting a canary that is no worse at or
/// below α — unlike a fixed-sample test re-run at every look, whose false-alarm rate grows with the number of looks.
/// <para>
/// θ̂ = p̂(canary) − p̂(current), V = its variance estimate (p̃(1 − p̃)/n per arm, with p̃ = (x + ½)/(n + 1) so a rate of
/// 0 still has a variance), and with a normal mixture N(0, τ²) over the true difference:
/// Λ = √(V / (V + τ²)) · exp(τ² θ̂² / (2 V (V + τ²))). Harm is declared when θ̂ &gt; 0 and Λ ≥ 1/α; the always-valid
/// p-value is the running minimum of 1/Λ.
/// </para>
/// </summary>
public static class MixtureSprt
{
    public static double LikelihoodRatio(long canaryEvents, long canaryTraces, long currentEvents, long currentTraces, double tau)
    {
        if (canaryTraces == 0 || currentTraces == 0) return 1;
        var difference = (double)canaryEvents / canaryTraces - (double)currentEvents / currentTraces;
        var variance = Variance(canaryEvents, canaryTraces) + Variance(currentEvents, currentTraces);
        var tau2 = tau * tau;
        return Math.Sqrt(variance / (variance + tau2)) * Math.Exp(tau2 * difference * difference / (2 * variance * (variance + tau2)));
    }

    /// <summary>True when the canary's rate is higher and the evidence has crossed 1/α.</summary>
    public static bool Harmful(long canaryEvents, long canaryTraces, long currentEvents, long currentTraces, double tau, double alpha) =>
        canaryTraces > 0 && currentTraces > 0
        && (double)canaryEvents / canaryTraces > (double)currentEvents / currentTraces
        && LikelihoodRatio(canaryEvents, canaryTraces, currentEvents, currentTraces, tau) >= 1 / alpha;

    private static double Variance(long events, long traces)
    {
        var p = (events + 0.5) / (traces + 1.0);
        return p * (1 - p) / traces;
    }
}
