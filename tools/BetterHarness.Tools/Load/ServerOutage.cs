using System.Diagnostics;

namespace BetterHarness.Tools.Load;

/// <summary>
/// Rides out a server that goes away after it was reached (a restart, a kill -9 and restart): connection failures
/// are retried with backoff until the server has been unreachable for <see cref="MaxWait"/> in total. A server that
/// was never reached fails at once, so a wrong address is still one clear message, not a minute of silence.
/// Shared by every request of a command, so concurrent senders agree on when the outage began.
/// </summary>
public sealed class ServerOutage(TimeSpan maxWait)
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _down = new();
    private bool _reached;

    public TimeSpan MaxWait => maxWait;

    public bool EverReached { get { lock (_lock) return _reached; } }

    /// <summary>The server answered (whatever the status): it is up.</summary>
    public void Reached()
    {
        lock (_lock)
        {
            _reached = true;
            _down.Reset();
        }
    }

    /// <summary>
    /// After a connection failure: waits before the next attempt and returns true, or returns false when the
    /// server was never reached or has been down longer than <see cref="MaxWait"/>.
    /// </summary>
    public async Task<bool> WaitToRetryAsync(int attempt, CancellationToken ct)
    {
        TimeSpan left;
        lock (_lock)
        {
            if (!_reached) return false;
            if (!_down.IsRunning) _down.Start();
            left = maxWait - _down.Elapsed;
        }
        if (left <= TimeSpan.Zero) return false;
        var delay = RetryPolicy.Backoff(attempt);
        await Task.Delay(delay < left ? delay : left, ct);
        return true;
    }
}
