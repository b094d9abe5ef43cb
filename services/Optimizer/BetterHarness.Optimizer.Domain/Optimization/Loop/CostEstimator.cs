namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>Upper-bound cost of a run, before it starts.</summary>
public static class CostEstimator
{
    /// <summary>Model calls a replay is assumed to take (a lookup, an action, an answer).</summary>
    public const int StepsPerReplay = 3;

    public static CostEstimate Estimate(OptimizationRequest request, OptimizationSettings settings)
    {
        long opt = request.Optimization.Count, hold = request.Holdout.Count, k = settings.Trials;
        // Baseline on both splits; per iteration every candidate on the optimisation set and the holdout for an accepted one;
        // the confirmation: baseline and final version again on fresh trials of the optimisation set.
        var trials = (opt + hold) * k + settings.MaxIterations * (settings.CandidatesPerIteration * opt * k + hold * k) + 2 * opt * k;
        var harnessChars = request.Harness.Instructions.Length + request.Harness.Tools.Sum(t => t.Name.Length + t.Description.Length + t.Parameters.GetRawText().Length);
        var allCases = request.Optimization.Cases.Concat(request.Holdout.Cases).ToList();
        var caseChars = allCases.Count == 0 ? 0 : allCases.Average(c => c.Texts.Sum(t => t.Length));
        var perReplay = (long)((harnessChars + caseChars) / 4 * StepsPerReplay);
        return new CostEstimate(trials, trials * perReplay, perReplay);
    }
}
