using System.Text.Encodings.Web;
using System.Text.Json;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Domain.Redaction;

/// <summary>
/// Replaces sensitive values with typed placeholders (<c>[EMAIL_1]</c>, <c>[CARD_2]</c>) before a case is
/// stored or published. One session per case: the same value gets the same placeholder everywhere in
/// the case (messages, tool arguments, recorded responses, graders), so the case still makes sense.
/// </summary>
public sealed class Redactor(IReadOnlyList<RedactionPattern> patterns)
{
    // Relaxed escaping keeps '+', '<' and non-ASCII literal, so patterns see the text as written.
    private static readonly JsonSerializerOptions Json = new(EvalCaseJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Redactor Default { get; } = new(BuiltInPatterns.All);

    public static Redactor WithCustom(IEnumerable<(string Kind, string Pattern)> custom) =>
        new([.. BuiltInPatterns.All, .. custom.Select(c => RedactionPattern.Custom(c.Kind, c.Pattern))]);

    /// <summary>Redacts every text of the case except provenance (ids and scores, never user content).</summary>
    public EvalCase Redact(EvalCase evalCase)
    {
        var session = new RedactionSession(patterns);
        var json = JsonSerializer.Serialize(evalCase, Json);
        var redacted = JsonSerializer.Deserialize<EvalCase>(session.Apply(json), Json)!;
        return redacted with { Provenance = evalCase.Provenance, Id = evalCase.Id };
    }

    public string Redact(string text) => new RedactionSession(patterns).Apply(text);
}
