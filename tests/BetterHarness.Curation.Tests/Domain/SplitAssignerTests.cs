using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Splits;

namespace BetterHarness.Curation.Tests.Domain;

public sealed class SplitAssignerTests
{
    private static (int Opt, int Hold, List<string> Splits) AddCases(int count, double fraction)
    {
        int opt = 0, hold = 0;
        var splits = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var split = SplitAssigner.Assign(opt, hold, fraction, $"case_{i}");
            if (split == SplitNames.Holdout) hold++; else opt++;
            splits.Add(split);
        }
        return (opt, hold, splits);
    }

    [Fact]
    public void The_first_two_cases_of_a_category_land_on_different_sides()
    {
        var (opt, hold, _) = AddCases(2, 0.3);
        Assert.Equal((1, 1), (opt, hold));
    }

    [Theory]
    [InlineData(0.3, 100, 30)]
    [InlineData(0.2, 50, 10)]
    [InlineData(0.5, 40, 20)]
    public void The_holdout_share_follows_the_configured_fraction(double fraction, int count, int expectedHoldout)
    {
        var (_, hold, _) = AddCases(count, fraction);
        Assert.InRange(hold, expectedHoldout - 1, expectedHoldout + 1);
    }

    [Fact]
    public void An_empty_side_gets_the_next_case_whatever_the_fraction()
    {
        Assert.Equal(SplitNames.Holdout, SplitAssigner.Assign(5, 0, 0.05, "case_x"));
        Assert.Equal(SplitNames.Optimization, SplitAssigner.Assign(0, 3, 0.95, "case_x"));
    }

    [Fact]
    public void The_same_sequence_gives_the_same_splits()
    {
        Assert.Equal(AddCases(37, 0.3).Splits, AddCases(37, 0.3).Splits);
    }
}
