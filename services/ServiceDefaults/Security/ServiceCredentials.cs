using System.Net;
using BetterHarness.ServiceDefaults.Hosting;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// The API key a service sends when it calls another service's HTTP API. A call to this very process (embedded mode:
/// curation fetching from mining, the optimizer reading curation) uses the in-process key, so it keeps working when
/// the host leaves open mode because accounts exist but no keys are configured; a call to another process uses the
/// first configured key (or a key configured for that call).
/// </summary>
public sealed class ServiceCredentials(ApiKeyRegistry keys, IReadOnlyList<ListenerSpec> listeners)
{
    public string? KeyFor(Uri target, string? configured = null) =>
        configured ?? (IsThisProcess(target) ? keys.InProcessKey : keys.FirstKey);

    /// <summary>True when <paramref name="target"/> is one of this process's own listeners.</summary>
    public bool IsThisProcess(Uri target)
    {
        if (!IPAddress.TryParse(target.Host.Trim('[', ']'), out var address)) return false;
        return listeners.Any(l => l.Address.Port == target.Port
            && (l.Address.Address.Equals(address) || IPAddress.IsLoopback(address)
                && (IPAddress.IsLoopback(l.Address.Address) || l.Address.Address.Equals(IPAddress.Any) || l.Address.Address.Equals(IPAddress.IPv6Any))));
    }
}
