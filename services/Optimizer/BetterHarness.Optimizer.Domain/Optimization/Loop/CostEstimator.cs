namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>Upper-bound cost of a run, before it starts.</summary>
public static class CostEstimator
{
    /// <summary>Model calls a replay is assumed to take (a lookup, an action, an answer).</summary>
    public const int StepsPerReplay = 3;

    public static CostEstimate Estimate(OptimizationRequest request, OptimizationSettings settings)
    {
        long opt = request.Optimization.Count, hold = request.Holdout.Count, k = settings.Trials;
        var trials = (opt + hold) * k + settings.MaxIterations * (settings.CandidatesPerIteration * opt * k + hold * k);
        var harnessChars = request.Harness.Instructions.Length + request.Harness.Tools.Sum(t => t.Name.Length + t.Description.Length + t.Parameters.GetRawText().Length);
        var allCases = request.Optimization.Cases.Concat(request.Holdout.Cases).ToList();
        var caseChars = allCases.Count == 0 ? 0 : allCases.Average(c => c.Texts.Sum(t => t.Length));
        var perReplay = (long)((harnessChars + caseChars) / 4 * StepsPerReplay);
        return new CostEstimate(trials, trials * perReplay, perReplay);
    }
}
