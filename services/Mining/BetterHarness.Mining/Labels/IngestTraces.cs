using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BetterHarness.Contracts;

namespace BetterHarness.Mining.Labels;

/// <summary>
/// Reads a trace from ingest's API (<c>GET /api/traces/{id}</c>), never its database, as a whole (untrimmed) digest:
/// the conversation a label addresses when mining never received the trace (it gets failed and corrected traces only).
/// A named HttpClient (base address and key from <see cref="MiningOptions"/>; the standard resilience handler retries).
/// </summary>
public sealed class IngestTraces(IHttpClientFactory factory)
{
    public const string HttpClientName = "mining-ingest";

    /// <summary>The trace, or null when ingest does not know it (404) or it aged out (410, retention). Throws
    /// <see cref="HttpRequestException"/> when ingest cannot be reached.</summary>
    public async Task<TraceDigest?> GetAsync(string traceId, CancellationToken ct)
    {
        var http = factory.CreateClient(HttpClientName);
        using var response = await http.GetAsync($"api/traces/{Uri.EscapeDataString(traceId)}", ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone) return null;
        response.EnsureSuccessStatusCode();
        var trace = await response.Content.ReadFromJsonAsync<IngestTrace>(Json, ct)
            ?? throw new InvalidDataException($"ingest answered GET /api/traces/{traceId} with null");
        return trace.ToDigest();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record IngestTrace(
        string TraceId, string? ServiceName, string? AgentName, string? ConversationId, string? UserId, string? Origin, long StartUnixNano,
        string? SystemInstructions, IReadOnlyList<string>? AvailableTools, IReadOnlyList<IngestMessage>? Messages,
        IReadOnlyList<IngestTool>? ToolExecutions, IReadOnlyList<DigestSignal>? Signals, IReadOnlyList<IngestFeedback>? Feedback,
        int Revision, DateTimeOffset? CompletedAt)
    {
        public TraceDigest ToDigest()
        {
            var signals = Signals ?? [];
            return new TraceDigest
            {
                TraceId = TraceId, Revision = Revision, ServiceName = ServiceName, Origin = Origin, AgentName = AgentName,
                ConversationId = ConversationId, UserId = UserId, StartedAt = DateTimeOffset.UnixEpoch.AddTicks(StartUnixNano / 100),
                CompletedAt = CompletedAt ?? DateTimeOffset.UnixEpoch.AddTicks(StartUnixNano / 100),
                Failed = SignalKinds.AnyFailure(signals.Select(s => s.Kind)), Corrected = SignalKinds.AnyCorrection(signals.Select(s => s.Kind)),
                Signals = signals, SystemInstructions = SystemInstructions, AvailableTools = AvailableTools ?? [],
                Messages = [.. (Messages ?? []).Select(m => new DigestMessage(m.Role, m.Content ?? "", m.SpanId,
                    m.ToolCalls?.Select(c => new DigestToolRequest(c.Name, c.Arguments, c.CallId)).ToList()))],
                ToolCalls = [.. (ToolExecutions ?? []).Select(t => new DigestToolCall(t.Name, t.Arguments, t.Result, t.Error, t.SpanId, t.CallId))],
                Corrections = [.. (Feedback ?? []).Where(f => !string.IsNullOrWhiteSpace(f.Correction))
                    .Select(f => new DigestCorrection(f.Correction!, f.Source ?? "feedback", f.SpanId, f.Comment))],
            };
        }
    }

    private sealed record IngestMessage(string Role, string? Content, string? SpanId, IReadOnlyList<IngestToolCall>? ToolCalls);

    private sealed record IngestToolCall(string Name, string? Arguments, string? CallId);

    private sealed record IngestTool(string Name, string? CallId, string? Arguments, string? Result, string? Error, string? SpanId);

    private sealed record IngestFeedback(string? SpanId, string? Correction, string? Source, string? Comment);
}
