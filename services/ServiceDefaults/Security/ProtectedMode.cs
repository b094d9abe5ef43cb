using BetterHarness.ServiceDefaults.Hosting;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Like Redis's protected mode: loopback-only needs no keys; any other bind address requires API keys,
/// so a service is never reachable from the network unauthenticated by accident.
/// </summary>
public static class ProtectedMode
{
    public static void EnsureSafe(IEnumerable<ListenAddress> listeners, IReadOnlyCollection<string> apiKeys)
    {
        if (apiKeys.Count > 0) return;
        var exposed = listeners.Where(l => !l.IsLoopback).ToList();
        if (exposed.Count == 0) return;
        throw new InvalidOperationException(
            $"Refusing to start: {string.Join(", ", exposed)} is not a loopback address and no API keys are configured. " +
            "Either bind to 127.0.0.1, or set API keys (BetterHarness__ApiKeys__0=<secret>, or --api-key).");
    }
}
