namespace BetterHarness.Clustering.Domain.Signatures;

/// <summary>
/// Signal kinds from most to least telling about *what* went wrong. An exception says more than the
/// generic error status it usually comes with; negative feedback says only that someone was unhappy.
/// </summary>
public static class SignalOrder
{
    private static readonly string[] Order =
    [
        "exception", "tool_failure", "error", "loop", "step_limit", "over_asking", "user_correction", "negative_feedback",
    ];

    public static int Rank(string kind)
    {
        var i = Array.IndexOf(Order, kind);
        return i < 0 ? Order.Length : i;
    }

    /// <summary>Kinds whose evidence is an error message worth masking into the signature.</summary>
    public static bool IsErrorKind(string kind) => kind is "exception" or "tool_failure" or "error";
}
