using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>Bad data, not a transient fault: retrying cannot fix it, so it goes straight to the error queue.</summary>
public sealed class MalformedDigestException(string message) : Exception(message);

/// <summary>Checks a digest before mining; the message says what is wrong so the error queue entry is actionable.</summary>
public static class DigestValidator
{
    public static void Validate(TraceDigest? digest)
    {
        if (digest is null) throw new MalformedDigestException("digest is null");
        if (digest.TraceId is not { Length: 32 } id || !id.All(char.IsAsciiHexDigit))
            throw new MalformedDigestException($"traceId '{digest.TraceId}' is not 32 hex characters");
        if (digest.Revision < 1) throw new MalformedDigestException($"trace {id}: revision {digest.Revision} is below 1");
        if (digest.Messages is null) throw new MalformedDigestException($"trace {id}: messages are missing");
        if (digest.ToolCalls is null) throw new MalformedDigestException($"trace {id}: toolCalls are missing");
        if (digest.Signals is null) throw new MalformedDigestException($"trace {id}: signals are missing");
        if (digest.Messages.Any(m => m is null || m.Role is null || m.Content is null))
            throw new MalformedDigestException($"trace {id}: a message has no role or content");
        if (digest.ToolCalls.Any(t => t is null || string.IsNullOrEmpty(t.Name)))
            throw new MalformedDigestException($"trace {id}: a tool call has no name");
    }
}
