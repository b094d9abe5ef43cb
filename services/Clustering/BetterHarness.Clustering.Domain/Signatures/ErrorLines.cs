using System.Text.RegularExpressions;

namespace BetterHarness.Clustering.Domain.Signatures;

/// <summary>
/// Picks the informative line out of error output. A stack trace starts with frames that differ between
/// call sites and ends with the exception that says what went wrong (Python prints it last, Java and .NET
/// first), so the last line that names an exception type is kept.
/// </summary>
public static partial class ErrorLines
{
    public static string? Exception(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var matches = ExceptionLine().Matches(text);
        return matches.Count == 0 ? null : matches[^1].Value.Trim();
    }

    /// <summary>Feedback evidence that is only a source, a label and a score says nothing about what went wrong.</summary>
    public static bool IsBareFeedback(string maskedEvidence) =>
        maskedEvidence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4;

    [GeneratedRegex(@"^[ \t]*(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Failure|Fault)\b(?::[^\r\n]*)?$", RegexOptions.Multiline)]
    private static partial Regex ExceptionLine();
}
