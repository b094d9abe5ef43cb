using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Domain.Signatures;

/// <summary>
/// Checks what the clustering service relies on in a digest. A digest that fails is bad data: retrying
/// cannot fix it, so the consumer sends it to the error queue with the reason returned here.
/// </summary>
public static class DigestValidator
{
    /// <returns>Null when the digest is usable, else what is wrong with it.</returns>
    public static string? Problem(TraceDigest? digest)
    {
        if (digest is null) return "digest is null";
        if (digest.TraceId is not { Length: 32 } id || !id.All(char.IsAsciiHexDigit))
            return $"traceId '{digest.TraceId}' is not 32 hex characters";
        if (digest.Revision < 0) return $"trace {id}: revision {digest.Revision} is negative";
        if (digest.Signals is null) return $"trace {id}: signals is missing";
        if (digest.Messages is null) return $"trace {id}: messages is missing";
        if (digest.ToolCalls is null) return $"trace {id}: toolCalls is missing";
        if (digest.Signals.Any(s => s is null || string.IsNullOrWhiteSpace(s.Kind)))
            return $"trace {id}: a signal has no kind";
        if (digest.Messages.Any(m => m is null) || digest.ToolCalls.Any(t => t is null || t.Name is null))
            return $"trace {id}: a message or tool call is empty";
        if (digest.CompletedAt == default) return $"trace {id}: completedAt is missing";
        return null;
    }
}
