namespace BetterHarness.Models;

/// <summary>
/// How long an item a model call failed on waits before it is asked again: the caller's retry delay, doubling with each
/// earlier error, at most a day. One bad item cannot hold the rest, and a broken endpoint is not hammered.
/// </summary>
public static class RetryBackoff
{
    public static TimeSpan After(TimeSpan retryDelay, int earlierErrors) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromDays(1).Ticks, retryDelay.Ticks * (1L << Math.Clamp(earlierErrors, 0, 20))));
}
