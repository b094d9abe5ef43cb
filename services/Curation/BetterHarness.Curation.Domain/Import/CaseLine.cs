using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;

namespace BetterHarness.Curation.Domain.Import;

/// <summary>One valid line of an import: the case content and the curation fields the line gave (null = not given).</summary>
public sealed record ImportedCase(string Id, string Agent, string? Category, string? Split, bool? MustPass, bool Retired,
    string? RetiredReason, string? SourceCandidateId, bool AutoAccepted, JsonObject Content);

/// <summary>
/// Reads one JSON line in the public case schema plus optional curation fields (<c>agent</c>, <c>category</c>,
/// <c>split</c>, <c>mustPass</c>, <c>status</c> = <c>retired</c> with <c>retiredReason</c>). Throws
/// <see cref="CaseFormatException"/> saying what is wrong. A line without an id gets one derived from its
/// content, so importing the same hand-written file twice does not duplicate it.
/// </summary>
public static class CaseLine
{
    public static ImportedCase Parse(string line, string? defaultAgent)
    {
        JsonObject doc;
        try { doc = JsonNode.Parse(line) as JsonObject ?? throw new CaseFormatException("a line must be one JSON object"); }
        catch (JsonException ex) { throw new CaseFormatException($"not JSON: {ex.Message}"); }
        var schema = Str(doc, "schema");
        if (schema != CaseFields.Schema)
            throw new CaseFormatException($"schema '{schema ?? "(missing)"}' is not supported (expected '{CaseFields.Schema}')");
        if (doc["input"] is not JsonObject input || input["messages"] is not JsonArray messages || messages.Count == 0)
            throw new CaseFormatException("input.messages must be a non-empty array of {role, content}");
        for (var i = 0; i < messages.Count; i++)
            if (messages[i] is not JsonObject m || Str(m, "role") is null || m["content"] is not JsonValue)
                throw new CaseFormatException($"input.messages[{i}] needs a role and a content string");
        if (doc["expected"] is not JsonObject expected || Str(expected, "behaviour") is null)
            throw new CaseFormatException("expected.behaviour (one sentence of what the agent should do) is required");
        if (doc["graders"] is { } graders)
        {
            if (graders is not JsonArray array) throw new CaseFormatException("graders must be an array");
            GraderValidator.Validate(array);
        }
        if (doc["tags"] is { } tags) CaseEdits.ParseTags(tags);

        var agent = Str(doc, CaseFields.Agent) ?? defaultAgent
            ?? throw new CaseFormatException("agent is missing: give \"agent\" on the line or ?agent= on the import");
        var category = Str(doc, CaseFields.Category);
        if (category is not null && !PrimaryCategory.IsValidName(category)) throw new CaseFormatException($"category '{category}' is not a valid name");
        var split = Str(doc, CaseFields.Split);
        if (split is not null && !SplitNames.IsValid(split)) throw new CaseFormatException($"split '{split}' must be optimization or holdout");
        var mustPass = doc[CaseFields.MustPass] switch
        {
            null => (bool?)null,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            _ => throw new CaseFormatException("mustPass must be true or false"),
        };
        var retired = Str(doc, CaseFields.Status) == CaseStatuses.Retired;
        var content = CaseDocument.Content(doc);
        var id = Str(doc, "id") ?? DerivedId(content);
        if (id.Length > 128 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
            throw new CaseFormatException($"id '{id}' must be 1–128 letters, digits, '_', '-', '.' or ':'");
        return new ImportedCase(id, agent, category, split, mustPass, retired,
            retired ? Str(doc, CaseFields.RetiredReason) ?? "retired before import" : null,
            Str(doc, CaseFields.SourceCandidateId), doc[CaseFields.AutoAccepted] is JsonValue a && a.TryGetValue<bool>(out var auto) && auto, content);
    }

    private static string DerivedId(JsonObject content)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(content.ToJsonString()));
        return "case_" + Convert.ToHexStringLower(hash)[..32];
    }

    private static string? Str(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
