namespace BetterHarness.Curation.Domain.Cases;

/// <summary>
/// The primary category a case gets when the curator names none: the first of its tags in the order of the
/// schema's tag list (most specific behaviour first), else its first tag, else <c>uncategorized</c>.
/// </summary>
public static class PrimaryCategory
{
    public const string Uncategorized = "uncategorized";

    private static readonly string[] Order =
        ["tool_selection", "tool_arguments", "multi_step", "followup_quality", "instruction_following", "error_recovery", "factuality"];

    public static string For(IReadOnlyList<string> tags)
    {
        foreach (var known in Order)
            if (tags.Contains(known, StringComparer.Ordinal)) return known;
        return tags.FirstOrDefault(t => t.Length > 0) ?? Uncategorized;
    }

    /// <summary>Categories and tags are short identifiers: letters, digits, <c>_ - . :</c>, up to 64 characters.</summary>
    public static bool IsValidName(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':');
}
