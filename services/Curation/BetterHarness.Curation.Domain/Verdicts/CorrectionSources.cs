using System.Text.Json.Nodes;
using BetterHarness.Contracts;

namespace BetterHarness.Curation.Domain.Verdicts;

/// <summary>The sources of a candidate (public schema) that a user correction produced: what a review verdict labels.</summary>
public static class CorrectionSources
{
    /// <summary>Sources whose reason is a user correction, with the case's correction text; empty for any other candidate.</summary>
    public static IReadOnlyList<CorrectionVerdictSource> Of(JsonObject? candidate)
    {
        if (candidate?["provenance"]?["sources"] is not JsonArray sources) return [];
        var correction = candidate["expected"]?["correction"] is JsonValue c && c.TryGetValue<string>(out var text) ? text : null;
        return sources.OfType<JsonObject>()
            .Where(s => Str(s, "reason") == SignalKinds.UserCorrection && Str(s, "traceId") is { Length: > 0 })
            .Select(s => new CorrectionVerdictSource(Str(s, "traceId")!,
                s["revision"] is JsonValue r && r.TryGetValue<int>(out var n) ? n : 0, Str(s, "spanId"), correction))
            .ToList();
    }

    private static string? Str(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>
/// Why a curator rejected a candidate, as far as the correction detector cares: <see cref="NotACorrection"/> (the user turn
/// corrects nothing: a negative label), <see cref="NotUseful"/> (a real correction, but not a case worth keeping: a positive
/// label), or <see cref="Other"/> (no label).
/// </summary>
public static class RejectVerdicts
{
    public const string NotACorrection = "not_a_correction";
    public const string NotUseful = "correct_but_not_useful";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [NotACorrection, NotUseful, Other];

    /// <summary>The label a rejection gives the candidate's correction turns, or null for none.</summary>
    public static bool? Label(string verdict) => verdict switch
    {
        NotACorrection => false,
        NotUseful => true,
        _ => null,
    };

    /// <summary>The reason written when the curator gave only the verdict.</summary>
    public static string DefaultReason(string verdict) => verdict switch
    {
        NotACorrection => "not a correction",
        NotUseful => "correct but not useful",
        _ => "",
    };
}
