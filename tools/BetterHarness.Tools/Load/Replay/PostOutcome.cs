namespace BetterHarness.Tools.Load.Replay;

/// <summary>How one line fared: accepted (possibly with some spans rejected) or failed with the server's reason.</summary>
public sealed record PostOutcome(bool Accepted, int? Status, long RejectedSpans, string? Message, int Attempts)
{
    public static PostOutcome Ok(long rejectedSpans, string? reason, int attempts) => new(true, 200, rejectedSpans, reason, attempts);

    public static PostOutcome Failed(int? status, string message, int attempts) => new(false, status, 0, message, attempts);
}
