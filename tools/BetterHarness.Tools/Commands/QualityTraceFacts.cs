using System.Text.Json.Nodes;

namespace BetterHarness.Tools.Commands;

/// <summary>What the quality command needs to know of a trace from ingest: flagged or not, and the baseline keys.</summary>
public sealed record QualityTraceFacts(string TraceId, bool Flagged, string ServiceAgent, string ErrorType)
{
    public static QualityTraceFacts From(string traceId, JsonObject trace)
    {
        var signals = trace["signals"] as JsonArray ?? [];
        var errorTypes = signals.Select(s => (string?)s?["errorType"]).Where(t => !string.IsNullOrEmpty(t)).Distinct().Order().ToList();
        return new QualityTraceFacts(traceId, signals.Count > 0,
            $"{(string?)trace["serviceName"] ?? "?"}/{(string?)trace["agentName"] ?? "?"}",
            errorTypes.Count == 0 ? "(none)" : string.Join(",", errorTypes));
    }
}
