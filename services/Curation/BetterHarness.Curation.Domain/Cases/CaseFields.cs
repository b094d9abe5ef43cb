namespace BetterHarness.Curation.Domain.Cases;

/// <summary>
/// Names of the curation fields a stored case carries on top of the public schema (docs/eval-case-schema.md),
/// and their values.
/// </summary>
public static class CaseFields
{
    public const string Schema = "betterharness.eval-case/v1";

    public const string Agent = "agent";
    public const string Category = "category";
    public const string Split = "split";
    public const string MustPass = "mustPass";
    public const string Revision = "revision";
    public const string Status = "status";
    public const string SourceCandidateId = "sourceCandidateId";
    public const string AutoAccepted = "autoAccepted";
    public const string RetiredReason = "retiredReason";

    /// <summary>Fields the store owns: an import may set some of them, an edit never sets these directly.</summary>
    public static readonly IReadOnlySet<string> StoreOwned = new HashSet<string>(StringComparer.Ordinal)
    {
        Revision, Status, SourceCandidateId, AutoAccepted, RetiredReason,
    };
}

public static class CaseStatuses
{
    public const string Active = "active";
    public const string Retired = "retired";
}

public static class SplitNames
{
    public const string Optimization = "optimization";
    public const string Holdout = "holdout";

    public static bool IsValid(string? value) => value is Optimization or Holdout;
}

/// <summary>Bad input from a client or an import line: answered with 400 and this message.</summary>
public sealed class CaseFormatException(string message) : Exception(message);
