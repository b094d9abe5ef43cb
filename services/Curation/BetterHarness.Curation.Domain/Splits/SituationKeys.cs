using System.Text.Json.Nodes;
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
public sealed record SituationKeys(IReadOnlyList<string> Sources, string? Action)
{
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
        return new SituationKeys(sources.Distinct(StringComparer.Ordinal).ToList(), action);
    }

    /// <summary>
    /// The text two cases of one situation share: the user's turns of the conversation, in order (the model embeds the
    /// first few hundred words: the user's opening request, which names the task). The agent's turns are left out —
    /// they are what varies between tries of the same task.
    /// </summary>
    public static string Text(JsonObject content)
    {
        var users = ((content["input"]?["messages"] as JsonArray) ?? [])
            .Where(m => (string?)m?["role"] == "user").Select(m => (string?)m!["content"]).OfType<string>().Where(t => t.Length > 0).ToList();
        return users.Count > 0 ? string.Join('\n', users) : (string?)content["summary"] ?? "";
    }
}
