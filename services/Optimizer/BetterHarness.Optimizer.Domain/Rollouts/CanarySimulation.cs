namespace BetterHarness.Optimizer.Domain.Rollouts;

/// <summary>One simulated rollout's outcome: whether it was rolled back, and after how many traces (all arms, canary).</summary>
public sealed record SimulatedRollout(bool RolledBack, long TotalTraces, long CanaryTraces);

/// <summary>
/// Simulates canary rollouts to measure the monitor: traces arrive one at a time, each goes to the canary with
/// probability <c>share</c>, fails with its arm's rate (corrections at a fixed rate on both arms), and the monitor looks
/// after every <c>lookEvery</c> traces — the continuous monitoring the sequential test is built for. Seeded: a run is
/// reproducible.
/// </summary>
public static class CanarySimulation
{
    public static SimulatedRollout Run(int seed, double share, double currentFailure, double canaryFailure, double correction,
        long maxTraces, int lookEvery, CanarySettings settings)
    {
        var rng = new Random(seed);
        long cT = 0, cF = 0, cC = 0, bT = 0, bF = 0, bC = 0;
        for (long i = 1; i <= maxTraces; i++)
        {
            if (rng.NextDouble() < share)
            {
                cT++;
                if (rng.NextDouble() < canaryFailure) cF++;
                if (rng.NextDouble() < correction) cC++;
            }
            else
            {
                bT++;
                if (rng.NextDouble() < currentFailure) bF++;
                if (rng.NextDouble() < correction) bC++;
            }
            if (i % lookEvery != 0) continue;
            var verdict = CanaryMonitor.Decide(new ArmCounts(cT, cF, cC), new ArmCounts(bT, bF, bC), settings with { AutoPromoteAfter = 0 });
            if (verdict.Action == CanaryVerdict.Rollback) return new SimulatedRollout(true, i, cT);
        }
        return new SimulatedRollout(false, maxTraces, cT);
    }
}
