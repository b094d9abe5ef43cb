using System.Security.Cryptography;
using System.Text;

namespace BetterHarness.Clustering.Domain.Analysis;

/// <summary>
/// What the failure analyst asks a model: the failure's signature (already masked: no ids, numbers, urls or quoted
/// values, and short), cut to a character limit, with one instruction. The signature is all clustering keeps of a
/// trace, so the prompt is small, and identical failures give identical prompts: the cache key.
/// </summary>
public sealed record AnalystPrompt(string System, string User)
{
    /// <summary>Changes whenever the wording below does, so earlier answers are not reused for a different question.</summary>
    public const string Version = "rootcause-v1";

    public const string Instruction =
        "You analyse failed runs of an LLM agent. The user gives a masked summary of one failed run, one part per line " +
        "(failure signals, the agent's last move and the tools it acted on, errors, the agent's output, the user's request " +
        "and reaction). Reply with ONE sentence of at most 25 words stating the root cause: what the agent did wrong and why. " +
        "No ids, names, numbers or quotes, no preamble.";

    public static AnalystPrompt For(string signatureText, int maxInputChars) =>
        new(Instruction, signatureText.Length <= maxInputChars ? signatureText : signatureText[..maxInputChars]);

    /// <summary>Characters sent: the budget's estimate of input tokens when the provider reports none.</summary>
    public int Length => System.Length + User.Length;

    /// <summary>SHA-256 of model, version and prompt (hex, 32 chars): an answer is reused for exactly this question to this model.</summary>
    public string CacheKey(string model) => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes($"{model}\n{Version}\n{System}\n{User}")))[..32];
}
