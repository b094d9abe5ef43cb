using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.EvalRuns.Storage;

namespace BetterHarness.Optimizer.EvalRuns.Tracing;

/// <summary>
/// One trial as an OTLP/JSON trace in the OTel GenAI conventions: an <c>invoke_agent</c> root span with the input
/// and output messages, a <c>chat</c> span per model step with its tokens, an <c>execute_tool</c> span per tool
/// call — so the trace view shows an eval run like production. Ids are derived from (run, case, trial): a retried
/// export is the same trace, which ingest stores once.
/// </summary>
public static class OtlpTraceBuilder
{
    /// <summary>The trace id a trial is exported under.</summary>
    public static string TraceIdOf(string runId, string caseId, int trial) => Hex($"{runId}/{caseId}/{trial}", 16);

    public static string Build(EvalRunRecord run, EvalCase evalCase, TrialResult result, DateTimeOffset end)
    {
        var traceId = TraceIdOf(run.Id, evalCase.Id, result.Trial);
        var rootId = Hex(traceId + "/root", 8);
        var endNs = end.ToUnixTimeMilliseconds() * 1_000_000;
        var startNs = endNs - (long)(Math.Max(result.Transcript.DurationMs, 1) * 1_000_000);
        var spans = new JsonArray { Span(traceId, rootId, null, $"invoke_agent {run.Agent}", startNs, endNs, result.Passed,
            ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.agent.name", run.Agent), ("gen_ai.request.model", run.Model),
            ("gen_ai.input.messages", InputMessages(evalCase)), ("gen_ai.output.messages", OutputMessages(result)),
            ("gen_ai.usage.input_tokens", result.Transcript.InputTokens), ("gen_ai.usage.output_tokens", result.Transcript.OutputTokens)) };
        var step = 0;
        var t = startNs;
        var slice = Math.Max(1, (endNs - startNs) / Math.Max(1, result.Transcript.Messages.Count));
        foreach (var message in result.Transcript.Messages)
        {
            var id = Hex($"{traceId}/{step++}", 8);
            spans.Add(message.Role == "tool"
                ? Span(traceId, id, rootId, $"execute_tool {message.ToolName}", t, t + slice, message.Recorded != false,
                    ("gen_ai.operation.name", "execute_tool"), ("gen_ai.tool.name", message.ToolName ?? ""), ("gen_ai.tool.call.id", message.ToolCallId ?? ""),
                    ("gen_ai.tool.call.arguments", ArgumentsOf(result, message.ToolCallId)), ("gen_ai.tool.call.result", message.Text ?? ""))
                : Span(traceId, id, rootId, $"chat {run.Model}", t, t + slice, true,
                    ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", run.Model),
                    ("gen_ai.output.messages", JsonSerializer.Serialize(new[] { OutputMessage(message) }))));
            t += slice;
        }
        var resource = new JsonArray
        {
            Attr("service.name", run.Agent), Attr(EvalRunTraceMarker.Origin, EvalRunTraceMarker.EvalRunOrigin),
            Attr(EvalRunTraceMarker.RunId, run.Id), Attr(EvalRunTraceMarker.HarnessVersion, (long)run.HarnessVersion),
            Attr(EvalRunTraceMarker.CaseId, evalCase.Id), Attr(EvalRunTraceMarker.Trial, (long)result.Trial),
            Attr(EvalRunTraceMarker.Simulated, run.Simulated),
        };
        return new JsonObject
        {
            ["resourceSpans"] = new JsonArray(new JsonObject
            {
                ["resource"] = new JsonObject { ["attributes"] = resource },
                ["scopeSpans"] = new JsonArray(new JsonObject { ["scope"] = new JsonObject { ["name"] = "BetterHarness.EvalRuns" }, ["spans"] = spans }),
            }),
        }.ToJsonString();
    }

    private static JsonObject Span(string traceId, string spanId, string? parent, string name, long start, long end, bool ok,
        params (string Key, object Value)[] attributes)
    {
        var span = new JsonObject
        {
            ["traceId"] = traceId, ["spanId"] = spanId, ["name"] = name, ["kind"] = 3,
            ["startTimeUnixNano"] = start.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["endTimeUnixNano"] = end.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["attributes"] = new JsonArray(attributes.Select(a => (JsonNode)Attr(a.Key, a.Value)).ToArray()),
            ["status"] = new JsonObject { ["code"] = ok ? 1 : 2 },
        };
        if (parent is not null) span["parentSpanId"] = parent;
        return span;
    }

    private static JsonObject Attr(string key, object value) => new()
    {
        ["key"] = key,
        ["value"] = value switch
        {
            bool b => new JsonObject { ["boolValue"] = b },
            long l => new JsonObject { ["intValue"] = l.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            _ => new JsonObject { ["stringValue"] = value.ToString() },
        },
    };

    private static string InputMessages(EvalCase evalCase) => JsonSerializer.Serialize(evalCase.Input.Messages.Select(m => new
    {
        role = m.Role, parts = new object[] { new { type = "text", content = m.Content } },
    }));

    private static string OutputMessages(TrialResult result) =>
        JsonSerializer.Serialize(result.Transcript.Messages.Where(m => m.Role == "assistant").TakeLast(1).Select(OutputMessage));

    private static object OutputMessage(Domain.Agents.TranscriptMessage m) => new
    {
        role = "assistant",
        parts = (m.ToolCalls ?? []).Select(c => (object)new { type = "tool_call", id = c.Id, name = c.Name, arguments = c.Arguments })
            .Prepend(new { type = "text", content = m.Text ?? "" }).ToArray(),
    };

    private static string ArgumentsOf(TrialResult result, string? callId) => result.Transcript.Messages
        .SelectMany(m => m.ToolCalls ?? []).FirstOrDefault(c => c.Id == callId)?.Arguments ?? "{}";

    private static string Hex(string seed, int bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, bytes));
}
