namespace BetterHarness.Curation.Domain.Splits;

/// <summary>
/// Assigns a new situation group of a stratum (agent + category) to the optimisation or the holdout side; every later
/// case of the group joins that side (<see cref="SituationGrouping"/>). Deterministic: it depends only on the stratum's
/// current counts and the group's id, so the same cases added in the same order get the same splits. A stratum with
/// cases on one side only sends the next group to the other side, so every category with two or more groups has one on
/// each side; otherwise the group goes to the side that keeps the holdout share closest to the configured fraction (a
/// tie is broken by a hash of the id). A case's split is never recomputed once stored.
/// </summary>
public static class SplitAssigner
{
    public static string Assign(int optimization, int holdout, double holdoutFraction, string groupId)
    {
        if (optimization + holdout > 0)
        {
            if (holdout == 0) return Cases.SplitNames.Holdout;
            if (optimization == 0) return Cases.SplitNames.Optimization;
        }
        var total = optimization + holdout + 1.0;
        var toHoldout = Math.Abs((holdout + 1) / total - holdoutFraction);
        var toOptimization = Math.Abs(holdout / total - holdoutFraction);
        if (Math.Abs(toHoldout - toOptimization) < 1e-9) return StableHash(groupId) % 2 == 0 ? Cases.SplitNames.Optimization : Cases.SplitNames.Holdout;
        return toHoldout < toOptimization ? Cases.SplitNames.Holdout : Cases.SplitNames.Optimization;
    }

    /// <summary>FNV-1a over the id's UTF-16 code units: stable across processes and runtimes (string.GetHashCode is not).</summary>
    private static uint StableHash(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
