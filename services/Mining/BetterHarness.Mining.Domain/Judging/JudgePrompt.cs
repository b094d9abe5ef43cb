using System.Security.Cryptography;
using System.Text;

namespace BetterHarness.Mining.Domain.Judging;

/// <summary>
/// What the correction judge asks a model about one user turn: does it correct the agent reply before it. The two texts are
/// cut to a character budget (the reply from its start, the user turn whole first); the same prompt to the same model is
/// one cache key, so a turn seen twice is asked once.
/// </summary>
public sealed record JudgePrompt(string System, string User)
{
    public const string Instruction =
        "You label conversations between a user and an AI agent. Decide whether the user's message CORRECTS the agent's " +
        "previous reply: says the agent got something wrong, misunderstood, used the wrong value, or did something the user did " +
        "not ask for. A new request, a confirmation, an answer to the agent's question or a plain follow-up is NOT a correction. " +
        "Answer with exactly one word: yes or no.";

    public int Length => System.Length + User.Length;

    public static JudgePrompt For(string assistant, string user, int maxChars)
    {
        var userPart = Cut(user, Math.Max(100, maxChars / 2));
        var assistantPart = Cut(assistant, Math.Max(100, maxChars - userPart.Length));
        return new JudgePrompt(Instruction, $"Agent's reply:\n{assistantPart}\n\nUser's next message:\n{userPart}\n\nIs the user's message a correction? (yes/no)");
    }

    public string CacheKey(string model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + System + "\n" + User)));

    /// <summary>The verdict in an answer: its first word yes / no (case and punctuation ignored); null when it says neither.</summary>
    public static bool? Parse(string? answer)
    {
        var word = new string((answer ?? "").TrimStart().TakeWhile(char.IsLetter).ToArray()).ToLowerInvariant();
        return word switch { "yes" => true, "no" => false, _ => null };
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
