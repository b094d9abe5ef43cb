namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>Sends one serialized ExportTraceServiceRequest as-is (no re-serialisation) and reports the outcome.</summary>
public interface ILoadTransport : IDisposable
{
    /// <summary>Where requests go, for messages.</summary>
    string Target { get; }

    /// <summary>
    /// Throws <see cref="CommandFailedException"/> when the server cannot be reached or refuses the key:
    /// those end the run, everything else is an outcome to count.
    /// </summary>
    Task<SendResult> SendAsync(byte[] payload, CancellationToken ct);
}

public enum SendStatus { Ok, Throttled, Failed }

/// <summary>Outcome of one send: spans the server rejected (partial success), the throttle delay, or an error.</summary>
public readonly record struct SendResult(SendStatus Status, long RejectedSpans = 0, TimeSpan? RetryAfter = null, string? Error = null);
