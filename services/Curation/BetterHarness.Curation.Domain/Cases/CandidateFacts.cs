using System.Text.Json.Nodes;

namespace BetterHarness.Curation.Domain.Cases;

/// <summary>What the queue needs from a candidate fetched from mining (public schema): read, never parsed from display text.</summary>
public sealed record CandidateFacts(string Id, string? Agent, string Summary, IReadOnlyList<string> Tags, string? ClusterId,
    int SupportCount, double? DetectorScore, IReadOnlyList<(string TraceId, int Revision)> Sources)
{
    public static CandidateFacts From(JsonObject candidate)
    {
        var provenance = candidate["provenance"] as JsonObject;
        var scores = (provenance?["detectorScores"] as JsonArray ?? [])
            .Select(s => s?["score"] is JsonValue v && v.TryGetValue<double>(out var d) ? d : (double?)null).OfType<double>().ToList();
        var sources = (provenance?["sources"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => (TraceId: Str(s, "traceId") ?? "", Revision: s["revision"] is JsonValue r && r.TryGetValue<int>(out var n) ? n : 0))
            .Where(s => s.TraceId.Length > 0).ToList();
        return new CandidateFacts(
            Str(candidate, "id") ?? throw new CaseFormatException("candidate has no id"),
            Str(candidate, CaseFields.Agent),
            Str(candidate, "summary") ?? "",
            CaseDocument.Tags(candidate),
            provenance is null ? null : Str(provenance, "clusterId"),
            candidate["supportCount"] is JsonValue sc && sc.TryGetValue<int>(out var support) ? support : Math.Max(1, sources.Count),
            scores.Count == 0 ? null : scores.Max(),
            sources);
    }

    private static string? Str(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
