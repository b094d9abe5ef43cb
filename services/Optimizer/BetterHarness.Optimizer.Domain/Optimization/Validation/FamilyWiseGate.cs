namespace BetterHarness.Optimizer.Domain.Optimization.Validation;

/// <summary>
/// Family-wise error control over every change one optimisation tests. α is spent over the iterations the run may
/// take — each iteration gets α / MaxIterations, fixed before the run starts (Bonferroni over iterations), so a run
/// that stops early leaves α unspent and one that climbs for long cannot wear the gate down; inside an iteration the
/// candidates share that iteration's α by Holm's step-down procedure. The chance that any accepted change of the run
/// is a no-op that passed by noise is then at most α, however many candidates were tried. Alpha spending rather than
/// Holm over all the run's candidates because a hill-climb must decide each iteration before the next one's
/// candidates exist: Holm needs every p-value at once.
/// </summary>
public sealed record FamilyWiseGate(double Alpha, int MaxIterations, int CandidatesPerIteration)
{
    public const string Method = "alpha spending over iterations (α / max iterations each), Holm over the candidates of an iteration";

    /// <summary>The share of α one iteration may spend.</summary>
    public double IterationAlpha => Alpha / Math.Max(1, MaxIterations);

    /// <summary>The strictest threshold a single test faces (Holm's first step with every candidate slot tested).</summary>
    public double PerTestAlpha => IterationAlpha / Math.Max(1, CandidatesPerIteration);

    /// <summary>Tests the run may make at most.</summary>
    public int PlannedTests => Math.Max(1, MaxIterations) * Math.Max(1, CandidatesPerIteration);

    /// <summary>Holm-adjusted p-values for one iteration's tests (null entries were not tested and do not count).</summary>
    public static IReadOnlyList<double?> HolmAdjusted(IReadOnlyList<double?> pValues)
    {
        var tested = pValues.Select((p, i) => (P: p, Index: i)).Where(x => x.P is not null).OrderBy(x => x.P!.Value).ToList();
        var adjusted = new double?[pValues.Count];
        var running = 0.0;
        for (var rank = 0; rank < tested.Count; rank++)
        {
            running = Math.Max(running, Math.Min(1, (tested.Count - rank) * tested[rank].P!.Value));
            adjusted[tested[rank].Index] = running;
        }
        return adjusted;
    }
}
