namespace BetterHarness.Optimizer.Domain.Optimization.Cases;

/// <summary>
/// A split of the eval snapshot, as a type: results and case sets carry their split in their type, so code that
/// must never see the holdout (the proposer's input) cannot be handed it — the compiler refuses.
/// </summary>
public interface ISplit
{
    static abstract string Name { get; }
}

/// <summary>The cases the optimiser may learn from: diagnosed, shown to the proposer, used to accept or reject.</summary>
public sealed class OptimizationSplit : ISplit
{
    private OptimizationSplit() { }

    public static string Name => "optimization";
}

/// <summary>The sealed cases: scored for accepted versions and reported, never shown to the proposer, never deciding.</summary>
public sealed class HoldoutSplit : ISplit
{
    private HoldoutSplit() { }

    public static string Name => "holdout";
}
