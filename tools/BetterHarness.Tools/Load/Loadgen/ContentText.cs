using System.Text;
using System.Text.Json.Nodes;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// Filler prose and GenAI-semconv message JSON (role + parts) for the content profile. Built once per
/// template, so it only has to look plausible, not be fast.
/// </summary>
internal static class ContentText
{
    private static readonly string[] Words =
    [
        "the", "order", "customer", "refund", "policy", "flight", "booking", "account", "please", "check",
        "status", "delivery", "address", "payment", "invoice", "request", "update", "cancel", "support", "ticket",
        "because", "within", "days", "agent", "reservation", "baggage", "upgrade", "confirm", "details", "number",
    ];

    public static string Prose(Random rng, int approxChars)
    {
        var text = new StringBuilder(approxChars + 16);
        while (text.Length < approxChars)
        {
            var words = rng.Next(6, 16);
            for (var i = 0; i < words; i++)
            {
                var word = Words[rng.Next(Words.Length)];
                text.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(i == words - 1 ? ". " : " ");
            }
        }
        return text.ToString().TrimEnd();
    }

    public static JsonObject TextMessage(string role, string content) => new()
    {
        ["role"] = role,
        ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["content"] = content }),
    };

    public static JsonObject ToolCallMessage(string callId, string tool, string arguments) => new()
    {
        ["role"] = "assistant",
        ["parts"] = new JsonArray(new JsonObject
        {
            ["type"] = "tool_call", ["id"] = callId, ["name"] = tool, ["arguments"] = JsonNode.Parse(arguments),
        }),
    };

    public static JsonObject ToolResponseMessage(string callId, string result) => new()
    {
        ["role"] = "tool",
        ["parts"] = new JsonArray(new JsonObject { ["type"] = "tool_call_response", ["id"] = callId, ["response"] = result }),
    };
}
