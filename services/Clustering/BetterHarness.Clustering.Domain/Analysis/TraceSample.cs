using System.Security.Cryptography;
using System.Text;

namespace BetterHarness.Clustering.Domain.Analysis;

/// <summary>
/// Which failed traces the analyst looks at: a trace is in the sample when a hash of its id falls below the rate, so
/// the choice is the same on every pass, after a restart and on every replica, and about <c>rate</c> of traces are in.
/// </summary>
public static class TraceSample
{
    public static bool Includes(string traceId, double rate)
    {
        if (rate >= 1) return true;
        if (rate <= 0) return false;
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(traceId.ToLowerInvariant()));
        return BitConverter.ToUInt64(bytes, 0) / (double)ulong.MaxValue < rate;
    }
}
