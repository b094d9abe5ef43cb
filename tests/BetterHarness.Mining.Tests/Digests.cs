using BetterHarness.Contracts;

namespace BetterHarness.Mining.Tests;

/// <summary>Digest builders for tests: a conversation written as (role, text[, tool calls]) lines.</summary>
internal static class Digests
{
    public static DigestMessage User(string text, string? span = null) => new("user", text, span ?? Span());
    public static DigestMessage Agent(string text, params DigestToolRequest[] calls) => new("assistant", text, Span(), calls.Length == 0 ? null : calls);
    public static DigestMessage Tool(string text) => new("tool", text, Span());
    public static DigestToolRequest Call(string name, string args, string? id = null) => new(name, args, id ?? "call_" + Guid.NewGuid().ToString("N")[..8]);

    public static TraceDigest Digest(IReadOnlyList<DigestMessage> messages, IReadOnlyList<DigestToolCall>? executions = null,
        IReadOnlyList<DigestSignal>? signals = null, string? traceId = null, int revision = 1, string? system = null) => new()
    {
        TraceId = traceId ?? NewTraceId(), Revision = revision, StartedAt = DateTimeOffset.UnixEpoch, CompletedAt = DateTimeOffset.UnixEpoch.AddMinutes(1),
        Failed = true, Corrected = true, Signals = signals ?? [], SystemInstructions = system ?? "You are an airline agent.",
        Messages = messages, ToolCalls = executions ?? Executions(messages), AvailableTools = ["search_flights", "book_reservation", "get_user_details"],
    };

    /// <summary>Successful executions for every requested call, answering "ok:NAME".</summary>
    public static IReadOnlyList<DigestToolCall> Executions(IReadOnlyList<DigestMessage> messages) => messages
        .SelectMany(m => m.ToolCalls ?? []).Select(c => new DigestToolCall(c.Name, c.Arguments, $"ok:{c.Name}", null, Span(), c.CallId)).ToList();

    public static string NewTraceId() => Guid.NewGuid().ToString("N");

    private static string Span() => Guid.NewGuid().ToString("N")[..16];
}
