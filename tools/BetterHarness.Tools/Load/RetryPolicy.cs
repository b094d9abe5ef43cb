using System.Net;
using System.Net.Http.Headers;

namespace BetterHarness.Tools.Load;

/// <summary>
/// OTLP's retry rules: only 429/502/503/504 are worth another attempt (anything else would fail the
/// same way again), and the server's Retry-After wins over our own backoff.
/// </summary>
public static class RetryPolicy
{
    public const int MaxAttempts = 6;

    // A misconfigured server could ask for hours; the CLI would look hung, so the wait is capped.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public static bool IsThrottle(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    /// <summary>The server's Retry-After (seconds or a date) if it sent one, else exponential backoff.</summary>
    public static TimeSpan DelayFor(RetryConditionHeaderValue? retryAfter, int attempt) =>
        RetryAfter(retryAfter) ?? Backoff(attempt);

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? retryAfter)
    {
        if (retryAfter?.Delta is { } delta) return Clamp(delta);
        if (retryAfter?.Date is { } date) return Clamp(date - DateTimeOffset.UtcNow);
        return null;
    }

    /// <summary>0.25 s, 0.5 s, 1 s, … with jitter so concurrent senders do not retry in lockstep.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var baseMs = 250.0 * Math.Pow(2, Math.Clamp(attempt - 1, 0, 7));
        return Clamp(TimeSpan.FromMilliseconds(baseMs * (0.75 + Random.Shared.NextDouble() * 0.5)));
    }

    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
}
