using System.Security.Cryptography;
using System.Text;
using BetterHarness.Clustering.Domain.Signatures;

namespace BetterHarness.Clustering.Domain.Analysis;

/// <summary>
/// A model's root-cause statement, cleaned to one short sentence, and the clustering text it makes: a
/// <c>root cause:</c> line (masked like the rest) before the signature, first because MiniLM reads the start.
/// </summary>
public static class RootCause
{
    public const int MaxWords = 25;

    /// <summary>The first non-empty line, without a "Root cause:" preamble or wrapping quotes, at most <see cref="MaxWords"/> words; empty when there is none.</summary>
    public static string Clean(string? reply)
    {
        var line = (reply ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        foreach (var prefix in new[] { "root cause:", "root-cause:", "answer:" })
            if (line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) line = line[prefix.Length..].Trim();
        line = line.Trim('"', '\'', '*', '`', ' ');
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= MaxWords ? string.Join(' ', words) : string.Join(' ', words[..MaxWords]) + "…";
    }

    /// <summary>The text clustered for a failure whose signature has this statement.</summary>
    public static string ClusteringText(string statement, string signatureText) =>
        "root cause: " + TextMasker.Mask(statement) + "\n" + signatureText;

    /// <summary>SHA-256 of a clustering text (hex, 32 chars), the same key a signature's text gets.</summary>
    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
