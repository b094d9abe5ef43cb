using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BetterHarness.EvalCases.Replay;

namespace BetterHarness.Curation.Domain.Splits;

/// <summary>
/// What a case says about the situation it came from, read from its content only — what any agent's traces carry
/// (its conversation, its source traces and conversation ids, its failure cluster and the expected action), never
/// attributes only some data sets have.
/// </summary>
/// <param name="Sources">Source trace ids and conversation ids (<c>trace:…</c>, <c>conversation:…</c>): cases sharing one come from
/// the same conversation.</param>
/// <param name="Action">The failure cluster with the expected tool calls (names and canonical arguments); null without an expected call.</param>
/// <param name="Entities">Identifiers the user's turns name (<c>entity:…</c>: an account, order or booking reference — a token mixing
/// letters and digits), lower-cased: two conversations about the same account or booking are one situation however they are phrased.</param>
public sealed partial record SituationKeys(IReadOnlyList<string> Sources, string? Action, IReadOnlyList<string> Entities)
{
    public const string EntityPrefix = "entity:";

    public SituationKeys(IReadOnlyList<string> sources, string? action) : this(sources, action, []) { }

    public static SituationKeys Of(JsonObject content)
    {
        var sources = new List<string>();
        foreach (var source in (content["provenance"]?["sources"] as JsonArray) ?? [])
        {
            if ((string?)source?["traceId"] is { Length: > 0 } trace) sources.Add("trace:" + trace);
            if ((string?)source?["conversationId"] is { Length: > 0 } conversation) sources.Add("conversation:" + conversation);
        }
        var calls = ((content["expected"]?["toolCalls"] as JsonArray) ?? [])
            .Select(c => (string?)c?["name"] is { Length: > 0 } name ? ToolKey.Of(name, c!["arguments"]) : null)
            .OfType<string>().Order(StringComparer.Ordinal).ToList();
        var action = calls.Count == 0 ? null : ((string?)content["provenance"]?["clusterId"] ?? "") + " | " + string.Join(" ; ", calls);
        return new SituationKeys(sources.Distinct(StringComparer.Ordinal).ToList(), action, EntitiesIn(UserTurns(content)));
    }

    /// <summary>
    /// Identifier-like tokens of the user's turns, at least 5 characters of letters, digits, <c>_</c> or <c>-</c>: a token mixing
    /// letters and digits (<c>mia_li_3668</c>, <c>PEP4E0</c>, <c>ORD-20931A</c>) or written all in capitals (<c>HXDUBJ</c>, a booking
    /// reference). Plain words, numbers, dates and amounts are not identifiers; a shouted word links two conversations that
    /// need not be one situation, which costs the split a group, never a leak.
    /// </summary>
    public static IReadOnlyList<string> EntitiesIn(IEnumerable<string> texts) =>
        texts.SelectMany(t => Identifier().Matches(t).Select(m => EntityPrefix + m.Value.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The stored form: sources and entity keys in one list (entity keys carry their prefix).</summary>
    public IReadOnlyList<string> StoredKeys => [.. Sources, .. Entities];

    /// <summary>Reads the stored form back.</summary>
    public static SituationKeys FromStored(IReadOnlyList<string> keys, string? action) =>
        new(keys.Where(k => !k.StartsWith(EntityPrefix, StringComparison.Ordinal)).ToList(), action,
            keys.Where(k => k.StartsWith(EntityPrefix, StringComparison.Ordinal)).ToList());

    /// <summary>
    /// The text two cases of one situation share: the user's turns of the conversation, in order (the model embeds the
    /// first few hundred words: the user's opening request, which names the task). The agent's turns are left out —
    /// they are what varies between tries of the same task.
    /// </summary>
    public static string Text(JsonObject content)
    {
        var users = UserTurns(content);
        return users.Count > 0 ? string.Join('\n', users) : (string?)content["summary"] ?? "";
    }

    private static List<string> UserTurns(JsonObject content) => ((content["input"]?["messages"] as JsonArray) ?? [])
        .Where(m => (string?)m?["role"] == "user").Select(m => (string?)m!["content"]).OfType<string>().Where(t => t.Length > 0).ToList();

    [GeneratedRegex(@"(?<![\w-])(?:(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9_-]{5,}|[A-Z][A-Z0-9_-]{4,})(?![\w-])")]
    private static partial Regex Identifier();
}
