using BetterHarness.Models;

namespace BetterHarness.ServiceDefaults.Tests.ModelCallers;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(3, 16)]
    public void Doubles_the_retry_delay_with_each_earlier_error(int earlierErrors, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), RetryBackoff.After(TimeSpan.FromMinutes(2), earlierErrors));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(int.MaxValue)]
    public void Waits_a_day_at_the_most(int earlierErrors)
    {
        Assert.Equal(TimeSpan.FromDays(1), RetryBackoff.After(TimeSpan.FromMinutes(2), earlierErrors));
    }
}
