using BetterHarness.Optimizer.Domain.Rollouts;
using Xunit.Abstractions;

namespace BetterHarness.Optimizer.Tests.Rollouts;

public sealed class CanaryMonitorTests(ITestOutputHelper output)
{
    private static readonly CanarySettings Settings = new();

    [Fact]
    public void Nothing_is_decided_before_both_arms_have_the_minimum_sample()
    {
        var verdict = CanaryMonitor.Decide(new ArmCounts(29, 29, 0), new ArmCounts(500, 0, 0), Settings);
        Assert.Equal(CanaryVerdict.Continue, verdict.Action);
        Assert.Contains("collecting", verdict.Reason);
    }

    [Fact]
    public void A_canary_failing_clearly_more_often_is_rolled_back_with_the_rates_in_the_reason()
    {
        var verdict = CanaryMonitor.Decide(new ArmCounts(100, 40, 2), new ArmCounts(900, 180, 18), Settings);
        Assert.Equal(CanaryVerdict.Rollback, verdict.Action);
        Assert.Contains("failure rate 40% (40/100)", verdict.Reason);
        Assert.Contains("20% (180/900)", verdict.Reason);
        Assert.True(verdict.FailureLikelihoodRatio >= 2 / Settings.Alpha);
    }

    [Fact]
    public void More_corrections_alone_roll_back_too_and_a_better_canary_never_does()
    {
        Assert.Equal(CanaryVerdict.Rollback, CanaryMonitor.Decide(new ArmCounts(200, 40, 60), new ArmCounts(1800, 360, 180), Settings).Action);
        Assert.Equal(CanaryVerdict.Continue, CanaryMonitor.Decide(new ArmCounts(200, 5, 0), new ArmCounts(1800, 360, 180), Settings).Action);
    }

    [Fact]
    public void Automatic_promotion_only_when_configured_and_only_after_its_sample()
    {
        var auto = Settings with { AutoPromoteAfter = 100 };
        Assert.Equal(CanaryVerdict.Continue, CanaryMonitor.Decide(new ArmCounts(99, 20, 0), new ArmCounts(900, 180, 0), auto).Action);
        Assert.Equal(CanaryVerdict.Promote, CanaryMonitor.Decide(new ArmCounts(100, 20, 0), new ArmCounts(900, 180, 0), auto).Action);
        Assert.Equal(CanaryVerdict.Continue, CanaryMonitor.Decide(new ArmCounts(5000, 1000, 0), new ArmCounts(45000, 9000, 0), Settings).Action);
    }

    /// <summary>
    /// The measurement behind the questions, simulated over seeded runs: 10 % of traffic on the canary, the
    /// current version failing 20 % of traces, 5 % corrected on both arms, the monitor looking after every 10 traces
    /// for up to 20,000 traces. A canary that fails twice as often must be caught; one that is no worse must be rolled
    /// back in at most 5 % of runs — and a fixed-sample z-test peeked at as often shows why a sequential test is needed.
    /// </summary>
    [Fact]
    public void Simulated_canaries_a_twice_as_bad_one_is_rolled_back_and_a_no_worse_one_at_most_five_percent_of_the_time()
    {
        const int runs = 1000;
        const long horizon = 20_000;
        var worse = Enumerable.Range(0, runs).Select(seed => CanarySimulation.Run(seed, 0.1, 0.2, 0.4, 0.05, horizon, 10, Settings)).ToList();
        var same = Enumerable.Range(runs, runs).Select(seed => CanarySimulation.Run(seed, 0.1, 0.2, 0.2, 0.05, horizon, 10, Settings)).ToList();
        var caught = worse.Where(r => r.RolledBack).ToList();
        var canaryTraces = caught.Select(r => r.CanaryTraces).Order().ToList();
        var totalTraces = caught.Select(r => r.TotalTraces).Order().ToList();
        var falseRate = same.Count(r => r.RolledBack) / (double)runs;
        output.WriteLine($"twice as bad: rolled back in {caught.Count}/{runs}; canary traces before rollback median {canaryTraces[canaryTraces.Count / 2]}, " +
            $"p90 {canaryTraces[(int)(canaryTraces.Count * 0.9)]}; all traces median {totalTraces[totalTraces.Count / 2]}, p90 {totalTraces[(int)(totalTraces.Count * 0.9)]}");
        output.WriteLine($"no worse: false rollbacks {same.Count(r => r.RolledBack)}/{runs} = {falseRate:P1}");
        var peeked = Enumerable.Range(runs, runs).Count(seed => PeekedZTest(seed, horizon));
        output.WriteLine($"for contrast, a fixed-sample one-sided z-test at 5 % peeked at every 10 traces: false rollbacks {peeked}/{runs} = {peeked / (double)runs:P1}");

        Assert.True(caught.Count >= runs * 0.99, $"only {caught.Count} of {runs} twice-as-bad canaries were rolled back");
        Assert.True(falseRate <= 0.05, $"false rollback rate {falseRate:P1} exceeds 5 %");
        Assert.True(peeked > same.Count(r => r.RolledBack), "the peeked fixed-sample test should alarm more often than the sequential one");
    }

    /// <summary>The wrong way: a one-sided two-proportion z-test at α = 0.05 re-run at every look (same data as the simulation's no-worse runs).</summary>
    private static bool PeekedZTest(int seed, long horizon)
    {
        var rng = new Random(seed);
        long cT = 0, cF = 0, bT = 0, bF = 0;
        for (long i = 1; i <= horizon; i++)
        {
            if (rng.NextDouble() < 0.1) { cT++; if (rng.NextDouble() < 0.2) cF++; rng.NextDouble(); }
            else { bT++; if (rng.NextDouble() < 0.2) bF++; rng.NextDouble(); }
            if (i % 10 != 0 || cT < 30 || bT < 30) continue;
            var pooled = (double)(cF + bF) / (cT + bT);
            var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / cT + 1.0 / bT));
            if (se > 0 && ((double)cF / cT - (double)bF / bT) / se > 1.6449) return true;
        }
        return false;
    }
}
