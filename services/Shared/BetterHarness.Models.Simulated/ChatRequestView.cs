using System.Text.Json;
using Microsoft.Extensions.AI;

namespace BetterHarness.Models.Simulated;

/// <summary>
/// The chat request as the simulated model reads it — and nothing else exists for it: the instructions (system
/// messages and <c>ChatOptions.Instructions</c>), the user's turns, what tools returned, the calls it already made in
/// this turn, and the declared tools.
/// </summary>
internal sealed record ChatRequestView(
    string Instructions,
    IReadOnlyList<string> UserTurns,
    IReadOnlyList<string> TurnTexts,
    IReadOnlyList<string> AllTexts,
    IReadOnlyList<string> CallsThisTurn,
    IReadOnlyList<string> ResultsThisTurn,
    IReadOnlyList<DeclaredTool> Tools,
    ulong TurnKey)
{
    /// <summary>The request the model is answering: the user's last two turns.</summary>
    public string Context => string.Join(" ", UserTurns.TakeLast(2));

    public static ChatRequestView From(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var instructions = string.Join("\n", new[] { options?.Instructions }.Concat(messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text))
            .Where(t => !string.IsNullOrWhiteSpace(t)));
        var lastUser = -1;
        for (var i = 0; i < messages.Count; i++) if (messages[i].Role == ChatRole.User) lastUser = i;

        var texts = new List<string>();
        var turnTexts = 0;
        var calls = new List<string>();
        var results = new List<string>();
        var key = Noise.Hash("");
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Role == ChatRole.System) continue;
            foreach (var content in message.Contents)
            {
                var text = content switch
                {
                    TextContent t when message.Role == ChatRole.User => t.Text,
                    FunctionCallContent c => c.Arguments is null ? null : JsonSerializer.Serialize(c.Arguments, AIJsonUtilities.DefaultOptions),
                    FunctionResultContent r => r.Result switch { null => null, string s => s, JsonElement e => e.ToString(), var o => o.ToString() },
                    _ => null,
                };
                if (text is { Length: > 0 }) texts.Add(text);
                if (content is FunctionCallContent call && i > lastUser) calls.Add(call.Name);
                if (content is FunctionResultContent && i > lastUser) results.Add(text ?? "");
                if (i <= lastUser) key = Noise.Hash(key + "\u0001" + (text ?? (content as TextContent)?.Text ?? ""));
            }
            if (i == lastUser) turnTexts = texts.Count;
        }
        var tools = (options?.Tools ?? []).OfType<AIFunctionDeclaration>()
            .Select(t => DeclaredTool.From(t.Name, t.Description, t.JsonSchema)).ToList();
        var users = messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text).Where(t => t.Length > 0).ToList();
        return new ChatRequestView(instructions, users, texts.Take(turnTexts).ToList(), texts, calls, results, tools, key);
    }
}
