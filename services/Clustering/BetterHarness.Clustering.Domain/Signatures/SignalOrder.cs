using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Domain.Signatures;

/// <summary>
/// Signal kinds from most to least telling about *what* went wrong (<see cref="SignalKinds.All"/> is in that
/// order): an exception says more than the generic error status it usually comes with; negative feedback says
/// only that someone was unhappy.
/// </summary>
public static class SignalOrder
{
    public static int Rank(string kind)
    {
        for (var i = 0; i < SignalKinds.All.Count; i++)
            if (SignalKinds.All[i] == kind) return i;
        return SignalKinds.All.Count;
    }

    /// <summary>Kinds whose evidence is an error message worth masking into the signature.</summary>
    public static bool IsErrorKind(string kind) => SignalKinds.IsError(kind);
}
