using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Tests.Domain.Signals;

/// <summary>Normalised traces built directly, so each rule is tested apart from normalisation.</summary>
internal static class TestTraces
{
    public static NormalizedTrace Empty => new() { TraceId = TestSpans.TraceId };

    public static NormalizedTrace Conversation(params (string Role, string Text)[] turns) => Empty with
    {
        Messages = [.. turns.Select((t, i) => new ConversationMessage(t.Role, t.Text, $"s{i}", i))],
    };

    public static ConversationMessage ToolCall(string name, string arguments, int at) =>
        new("assistant", "", $"s{at}", at, [new ToolRequest(name, arguments, null)]);

    public static ToolExecution Tool(string id, string name, string? arguments, string? result, string? error = null) =>
        new(id, name, null, arguments, result, error, 0, 0);
}
