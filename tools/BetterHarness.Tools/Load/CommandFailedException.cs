namespace BetterHarness.Tools.Load;

/// <summary>
/// A problem the user has to fix (nothing listening, wrong key, bad option). The command prints the
/// message without a stack trace and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CommandFailedException(string message, int exitCode = 2) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Nothing was listening at the server's address (it may be down or restarting).</summary>
    public bool ServerUnreachable { get; init; }
}
