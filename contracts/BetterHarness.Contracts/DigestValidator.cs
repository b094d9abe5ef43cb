namespace BetterHarness.Contracts;

/// <summary>
/// The one check every consumer of <see cref="TracesFlagged"/> runs on a digest before using it, so all of them
/// agree on what is malformed (a digest that passes here is usable by clustering and mining alike).
/// </summary>
public static class DigestValidator
{
    /// <summary>Null when the digest is usable, else what is wrong with it (naming the trace).</summary>
    public static string? Problem(TraceDigest? digest)
    {
        if (digest is null) return "digest is null";
        if (digest.TraceId is not { Length: 32 } id || !id.All(char.IsAsciiHexDigit))
            return $"traceId '{digest.TraceId}' is not 32 hex characters";
        // Ingest's first evaluation of a trace is revision 1; every re-evaluation adds one.
        if (digest.Revision < 1) return $"trace {id}: revision {digest.Revision} is below 1";
        if (digest.Signals is null) return $"trace {id}: signals are missing";
        if (digest.Messages is null) return $"trace {id}: messages are missing";
        if (digest.ToolCalls is null) return $"trace {id}: toolCalls are missing";
        if (digest.Signals.Any(s => s is null || string.IsNullOrWhiteSpace(s.Kind)))
            return $"trace {id}: a signal has no kind";
        if (digest.Messages.Any(m => m is null || m.Role is null || m.Content is null))
            return $"trace {id}: a message has no role or content";
        if (digest.ToolCalls.Any(t => t is null || string.IsNullOrEmpty(t.Name)))
            return $"trace {id}: a tool call has no name";
        if (digest.Corrections is not null && digest.Corrections.Any(c => c is null || c.Text is null))
            return $"trace {id}: a correction has no text";
        if (digest.CompletedAt == default) return $"trace {id}: completedAt is missing";
        return null;
    }

    /// <summary>Throws <see cref="MalformedDigestException"/> when <see cref="Problem"/> finds something.</summary>
    public static void Validate(TraceDigest? digest)
    {
        if (Problem(digest) is { } problem) throw new MalformedDigestException(problem);
    }
}
