using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Tests.Optimization;

public sealed class PairedTestTests
{
    [Fact]
    public void Matches_the_textbook_one_sided_paired_t_test()
    {
        // Three of ten cases gain a full pass: t = 1.964 on 9 df; R: pt(1.964, 9, lower = FALSE) = 0.0405,
        // 95% CI 0.3 ± 2.262 × 0.1528 = [-0.0456, 0.6456].
        var result = PairedTest.Run([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);

        Assert.Equal(0.3, result.MeanDifference, 6);
        Assert.InRange(result.PValue, 0.0400, 0.0410);
        Assert.Equal(-0.0456, result.Ci95Low, 3);
        Assert.Equal(0.6456, result.Ci95High, 3);
    }

    [Fact]
    public void No_difference_is_no_evidence_and_a_uniform_gain_is_certain()
    {
        Assert.Equal(1, PairedTest.Run([0, 0, 0]).PValue);
        Assert.Equal(0, PairedTest.Run([0.5, 0.5, 0.5]).PValue);
        Assert.Equal(1, PairedTest.Run([]).PValue);
    }

    [Fact]
    public void Gains_and_losses_that_cancel_out_are_not_significant() =>
        Assert.True(PairedTest.Run([1, -1, 1, -1, 0.34, -0.34, 0, 0]).PValue >= 0.5);
}
