using System.Net;

namespace BetterHarness.ServiceDefaults.Hosting;

/// <summary>A parsed <c>host:port</c> listen address.</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public static ListenAddress Parse(string value, string settingName)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
            throw new FormatException($"{settingName} '{value}' is not host:port (e.g. 127.0.0.1:4318).");
        var host = value[..colon].Trim('[', ']');
        var address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "+" => IPAddress.Any,
            _ when IPAddress.TryParse(host, out var ip) => ip,
            _ => throw new FormatException($"{settingName} host '{host}' must be an IP address, localhost or *."),
        };
        return new ListenAddress(address, port);
    }

    /// <summary>host:port as a client of this process reaches the listener: a wildcard bind (0.0.0.0, ::) is reached on loopback.</summary>
    public string ReachableHostPort
    {
        get
        {
            var host = Address.Equals(IPAddress.Any) ? IPAddress.Loopback : Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : Address;
            return host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]:{Port}" : $"{host}:{Port}";
        }
    }

    /// <summary>The listener as a base URL this process can call itself on (embedded mode's default for a neighbour's API).</summary>
    public Uri ReachableUrl => new($"http://{ReachableHostPort}/");

    public override string ToString() => $"{Address}:{Port}";
}
