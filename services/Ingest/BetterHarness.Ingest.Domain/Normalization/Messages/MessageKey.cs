using System.Text.RegularExpressions;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Messages;

/// <summary>
/// What makes two recordings of a message the same message: role, text and requested tool calls,
/// compared after JSON and whitespace normalisation. Ids are left out on purpose: the same tool result
/// is often recorded with its call id in one place (the tool span) and without it in another.
/// </summary>
public static partial class MessageKey
{
    public static string Of(ConversationMessage message)
    {
        var content = Whitespace().Replace(JsonText.Canonical(message.Content) ?? "", " ");
        var calls = message.ToolCalls is { Count: > 0 } list
            ? string.Join(";", list.Select(c => c.Name + "(" + JsonText.Canonical(c.Arguments) + ")"))
            : "";
        return message.Role + "\u001f" + content + "\u001f" + calls;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
