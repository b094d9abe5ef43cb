namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Size limits on free text people write (reasons, comments, notes, names): whatever is stored is later served in
/// every audit page and listing, so one huge field must not cost every reader. Longer input is refused with 400 naming
/// the limit.
/// </summary>
public static class TextLimits
{
    /// <summary>A reason, comment or note: 4,000 characters.</summary>
    public const int Reason = 4_000;

    /// <summary>A name, label, tag or id: 200 characters.</summary>
    public const int Name = 200;

    /// <summary>Null when <paramref name="value"/> fits in <paramref name="limit"/> characters, else the error to send.</summary>
    public static string? Check(string field, string? value, int limit) =>
        value is not null && value.Length > limit
            ? $"'{field}' is {value.Length:N0} characters long; the limit is {limit:N0}"
            : null;
}
