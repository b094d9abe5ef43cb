using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> from the configured proxies only (<see cref="SecurityOptions.TrustedProxies"/>).
/// ASP.NET Core trusts loopback by default; that default is cleared, so with no proxies configured the headers are ignored.
/// </summary>
public static class TrustedProxyList
{
    public static bool TryParse(string value, out (IPAddress Address, int? PrefixLength) parsed)
    {
        parsed = default;
        var parts = value.Trim().Split('/');
        if (!IPAddress.TryParse(parts[0], out var address)) return false;
        if (parts.Length == 1) { parsed = (address, null); return true; }
        var max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (parts.Length != 2 || !int.TryParse(parts[1], out var prefix) || prefix < 0 || prefix > max) return false;
        parsed = (address, prefix);
        return true;
    }

    public static ForwardedHeadersOptions Options(SecurityOptions security)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in security.TrustedProxies)
        {
            if (!TryParse(proxy, out var p)) continue;
            if (p.PrefixLength is { } length) options.KnownIPNetworks.Add(new System.Net.IPNetwork(p.Address, length));
            else options.KnownProxies.Add(p.Address);
        }
        return options;
    }
}
