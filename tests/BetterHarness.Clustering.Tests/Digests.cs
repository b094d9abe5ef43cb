using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Tests;

/// <summary>Builds failed-trace digests for tests.</summary>
public static class Digests
{
    public static string NewTraceId() => Guid.NewGuid().ToString("N");

    public static TraceDigest Failure(string error, string tool = "search_flights", string kind = "tool_failure",
        string? traceId = null, int revision = 1, DateTimeOffset? completedAt = null, string request = "book me a flight") => new()
    {
        TraceId = traceId ?? NewTraceId(),
        Revision = revision,
        ServiceName = "test-agent",
        AgentName = "support-agent",
        StartedAt = (completedAt ?? DateTimeOffset.UtcNow).AddSeconds(-5),
        CompletedAt = completedAt ?? DateTimeOffset.UtcNow,
        Failed = true,
        Corrected = false,
        Signals = [new DigestSignal(kind, "00f067aa0ba902b7", $"{tool}: {error}")],
        Messages = [new DigestMessage("user", request, null), new DigestMessage("assistant", "Sorry, something went wrong there.", null)],
        ToolCalls = [new DigestToolCall(tool, "{}", null, error, "00f067aa0ba902b7", null)],
    };
}
