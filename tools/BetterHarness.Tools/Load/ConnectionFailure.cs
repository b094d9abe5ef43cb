using System.Net.Sockets;

namespace BetterHarness.Tools.Load;

/// <summary>
/// Tells "nothing is listening there" apart from other transport errors, so the commands can say what
/// to do (start <c>bh up</c>, fix the address) instead of showing a socket stack trace.
/// </summary>
public static class ConnectionFailure
{
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
                return true;
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut })
                return true;
        }
        return false;
    }

    public static CommandFailedException Unreachable(string what, string url, string option) =>
        new($"Could not connect to the {what} at {url}: nothing is listening there. " +
            $"Is `bh up` running? Start it with `bh up`, or pass {option} with the right address.") { ServerUnreachable = true };
}
