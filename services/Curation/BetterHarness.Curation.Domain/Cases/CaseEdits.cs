using System.Text.Json.Nodes;

namespace BetterHarness.Curation.Domain.Cases;

/// <summary>
/// A curator's edits to a case: <c>expected</c> (merged key by key into the expected behaviour; a null value
/// removes a key), <c>graders</c> and <c>tags</c> (replaced), <c>category</c>, <c>mustPass</c>, <c>summary</c>.
/// Every field is optional; an empty edit changes nothing.
/// </summary>
public sealed record CaseEdits(JsonObject? Expected, JsonArray? Graders, IReadOnlyList<string>? Tags, string? Category, bool? MustPass, string? Summary)
{
    public static readonly CaseEdits None = new(null, null, null, null, null, null);

    private static readonly string[] Allowed = ["expected", "graders", "tags", "category", "mustPass", "summary"];

    /// <summary>Reads edits from a request body (null or empty = none); throws <see cref="CaseFormatException"/>.</summary>
    public static CaseEdits Parse(JsonObject? body, params string[] alsoAllowed)
    {
        if (body is null) return None;
        foreach (var (key, _) in body)
            if (!Allowed.Contains(key) && !alsoAllowed.Contains(key))
                throw new CaseFormatException($"unknown field '{key}'; allowed: {string.Join(", ", Allowed.Concat(alsoAllowed))}");
        var expected = body["expected"] switch
        {
            null => null,
            JsonObject o => ValidExpected(o),
            _ => throw new CaseFormatException("expected must be an object, e.g. {\"behaviour\": \"…\", \"toolCalls\": [...]}"),
        };
        var graders = body["graders"] switch
        {
            null => null,
            JsonArray a => GraderValidator.Validate(a),
            _ => throw new CaseFormatException("graders must be an array of grader objects"),
        };
        var category = body["category"] is { } c ? Text(c, "category") : null;
        if (category is not null && !PrimaryCategory.IsValidName(category))
            throw new CaseFormatException("category must be 1–64 letters, digits, '_', '-', '.' or ':'");
        var mustPass = body["mustPass"] switch
        {
            null => (bool?)null,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            _ => throw new CaseFormatException("mustPass must be true or false"),
        };
        var summary = body["summary"] is { } s ? Text(s, "summary") : null;
        return new CaseEdits(expected, graders, body["tags"] is { } t ? ParseTags(t) : null, category, mustPass, summary);
    }

    public bool IsEmpty => this == None;

    /// <summary>
    /// A digest of these edits: equal for the same request sent again (fields in a fixed order), different for other edits.
    /// An accept keeps it so a retried accept can be told from a different decision.
    /// </summary>
    public string Digest()
    {
        var canonical = new JsonObject
        {
            ["expected"] = Expected?.DeepClone(), ["graders"] = Graders?.DeepClone(),
            ["tags"] = Tags is null ? null : new JsonArray([.. Tags.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["category"] = Category, ["mustPass"] = MustPass, ["summary"] = Summary,
        };
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical.ToJsonString())))[..32];
    }

    /// <summary>Applies the content edits (expected, graders, tags, summary) to a copy of <paramref name="content"/>.</summary>
    public JsonObject ApplyTo(JsonObject content)
    {
        var result = (JsonObject)content.DeepClone();
        if (Expected is not null)
        {
            if (result["expected"] is not JsonObject target)
            {
                target = new JsonObject();
                result["expected"] = target;
            }
            foreach (var (key, value) in Expected)
                if (value is null) target.Remove(key); else target[key] = value.DeepClone();
        }
        if (Graders is not null) result["graders"] = Graders.DeepClone();
        if (Tags is not null) result["tags"] = new JsonArray([.. Tags.Select(t => (JsonNode)JsonValue.Create(t))]);
        if (Summary is not null) result["summary"] = Summary;
        return result;
    }

    internal static IReadOnlyList<string> ParseTags(JsonNode node)
    {
        if (node is not JsonArray array) throw new CaseFormatException("tags must be an array of strings");
        var tags = array.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList();
        if (tags.Any(t => !PrimaryCategory.IsValidName(t)))
            throw new CaseFormatException("each tag must be a string of 1–64 letters, digits, '_', '-', '.' or ':'");
        return tags.Distinct(StringComparer.Ordinal).ToList()!;
    }

    private static string Text(JsonNode node, string field) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s.Trim()
            : throw new CaseFormatException($"{field} must be a non-empty string");

    private static JsonObject ValidExpected(JsonObject expected)
    {
        if (expected["behaviour"] is { } b && !(b is JsonValue v && v.TryGetValue<string>(out _)))
            throw new CaseFormatException("expected.behaviour must be a string");
        if (expected["correction"] is { } c && !(c is JsonValue cv && cv.TryGetValue<string>(out _)))
            throw new CaseFormatException("expected.correction must be a string");
        if (expected["toolCalls"] is { } calls)
        {
            if (calls is not JsonArray array) throw new CaseFormatException("expected.toolCalls must be an array of {name, arguments}");
            for (var i = 0; i < array.Count; i++)
                if (array[i] is not JsonObject call || call["name"] is not JsonValue name || !name.TryGetValue<string>(out var n) || n.Length == 0)
                    throw new CaseFormatException($"expected.toolCalls[{i}] needs a name");
        }
        return expected;
    }
}
