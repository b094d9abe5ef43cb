namespace BetterHarness.Web.Backends;

/// <summary>A backend service could not answer (not reachable, timed out, or failed): pages show which and where.</summary>
public sealed class BackendUnavailableException(string service, Uri address, string reason, Exception? inner = null)
    : Exception($"The {service} service at {address} is not available: {reason}", inner)
{
    public string Service { get; } = service;
    public Uri Address { get; } = address;
}
