namespace BetterHarness.Web.Backends;

/// <summary>
/// A backend service answered, and refused the request (a 4xx: bad input, not allowed, too large): the page says what
/// the service said, with the same status, instead of calling the service unavailable.
/// </summary>
public sealed class BackendRefusedException(string service, int status, string reason)
    : Exception($"The {service} service refused the request ({status}): {reason}")
{
    public string Service { get; } = service;
    public int Status { get; } = status;
    public string Reason { get; } = reason;
}
