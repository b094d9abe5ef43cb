using System.Net.Http.Headers;
using BetterHarness.Testing;
using Google.Protobuf;

namespace BetterHarness.Mining.Tests.Labels;

/// <summary>A GenAI conversation trace (one chat span): ingest stores it; mining receives its digest only when a signal fires or
/// ingest's correction gate flags a user reply.</summary>
internal static class ConversationTrace
{
    public static async Task<string> SendAsync(IngestHost host, string agent, params (string Role, string Text)[] messages)
    {
        var traceId = TestRequests.NewTraceId();
        var root = TestRequests.NewSpanId();
        var input = messages.Take(messages.Length - 1).ToArray();
        var request = TestRequests.Request(
            TestRequests.Span(traceId, root, null, "invoke_agent", ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.agent.name", agent)),
            TestRequests.Span(traceId, TestRequests.NewSpanId(), root, "chat", ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "m"),
                ("gen_ai.input.messages", Json(input)), ("gen_ai.output.messages", Json([messages[^1]]))));
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        (await host.Otlp.PostAsync("/v1/traces", content)).EnsureSuccessStatusCode();
        var id = Convert.ToHexStringLower(traceId);
        await host.WaitForTraceAsync(id);
        return id;
    }

    private static string Json(IEnumerable<(string Role, string Text)> messages) => System.Text.Json.JsonSerializer.Serialize(
        messages.Select(m => new { role = m.Role, parts = new[] { new { type = "text", content = m.Text } } }));
}
