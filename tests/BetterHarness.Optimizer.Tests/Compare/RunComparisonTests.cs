using BetterHarness.Optimizer.Domain.Compare;

namespace BetterHarness.Optimizer.Tests.Compare;

public sealed class RunComparisonTests
{
    [Fact]
    public void Paired_t_test_matches_the_textbook_answer()
    {
        // d = [1, 1, 0, 1, 0]: mean 0.6, sd √0.3, t = 2.449 with 4 df → p = 0.0705; t(0.975, 4) = 2.7764 → CI 0.6 ± 0.680.
        var (mean, ci, p) = RunComparison.PairedTest([1, 1, 0, 1, 0]);
        Assert.Equal(0.6, mean, 10);
        Assert.Equal(0.0705, p, 3);
        Assert.Equal(-0.0801, ci[0], 3);
        Assert.Equal(1.2801, ci[1], 3);
    }

    [Fact]
    public void Classifies_each_case_and_groups_deltas_by_category()
    {
        CaseScore[] a = [new("c1", "x", 0), new("c2", "x", 1), new("c3", "y", 0.5), new("c4", "y", 1), new("only-a", "y", 1)];
        CaseScore[] b = [new("c1", "x", 1), new("c2", "x", 0), new("c3", "y", 0.5), new("c4", "y", 1), new("only-b", "y", 1)];
        var result = RunComparison.Compare(a, b);

        Assert.Equal(["win", "loss", "tie", "tie"], result.Cases.Select(c => c.Outcome));
        Assert.Equal((1, 1, 2), (result.Wins, result.Losses, result.Ties));
        Assert.Equal(["only-a"], result.OnlyInA);
        Assert.Equal(["only-b"], result.OnlyInB);
        var x = result.ByCategory.Single(c => c.Category == "x");
        Assert.Equal((2, 0.5, 0.5, 0.0), (x.Cases, x.A, x.B, x.Delta));
        Assert.Equal(0, result.Difference, 10);
        Assert.Equal(1, result.PValue, 10);
    }

    [Fact]
    public void A_consistent_gain_on_many_cases_is_significant_and_its_interval_excludes_zero()
    {
        var a = Enumerable.Range(0, 40).Select(i => new CaseScore($"c{i}", "x", i % 4 == 0 ? 1 : 0)).ToList();
        var b = Enumerable.Range(0, 40).Select(i => new CaseScore($"c{i}", "x", i % 4 == 0 || i % 2 == 1 ? 1 : 0)).ToList();
        var result = RunComparison.Compare(a, b);
        Assert.Equal(0.5, result.Difference, 10);
        Assert.True(result.PValue < 0.001);
        Assert.True(result.Ci95[0] > 0);
    }

    [Fact]
    public void No_cases_in_common_gives_no_difference_and_no_evidence()
    {
        var result = RunComparison.Compare([new CaseScore("a", "x", 1)], [new CaseScore("b", "x", 0)]);
        Assert.Empty(result.Cases);
        Assert.Equal((0.0, 1.0), (result.Difference, result.PValue));
    }
}
