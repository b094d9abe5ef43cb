using System.Net;
using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Answers 400 to a request whose <c>Host</c> is not one this server is known by, which defeats DNS rebinding: a page
/// on another origin whose name was made to resolve to 127.0.0.1 sends its own name as Host. With every listener on
/// loopback (where open mode lives) the server is known by <c>localhost</c>, <c>*.localhost</c>, 127.0.0.0/8 and
/// <c>::1</c> unless <see cref="SecurityOptions.AllowedHosts"/> says more; with a listener on the network, the check
/// applies once <see cref="SecurityOptions.AllowedHosts"/> is set. <c>*</c> in the list turns it off.
/// </summary>
public sealed class HostAllowList
{
    private readonly RequestDelegate _next;
    private readonly HashSet<string> _names;
    private readonly bool _enforced;

    public HostAllowList(RequestDelegate next, SecurityOptions options, IReadOnlyList<ListenerSpec> listeners)
    {
        _next = next;
        _names = options.AllowedHosts.Select(h => h.Trim().TrimStart('[').TrimEnd(']').ToLowerInvariant()).Where(h => h.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        _enforced = !_names.Contains("*") && (_names.Count > 0 || listeners.All(l => l.Address.IsLoopback));
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (!_enforced || Allowed(context.Request.Host.Host)) return _next(context);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new
        {
            error = $"Host '{context.Request.Host.Host}' is not a name this server answers to (DNS rebinding is refused): use localhost or " +
                    "127.0.0.1, or add the name to BetterHarness:Security:AllowedHosts",
        });
    }

    private bool Allowed(string host)
    {
        var name = host.TrimStart('[').TrimEnd(']').ToLowerInvariant();
        if (_names.Contains(name)) return true;
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal)) return true;
        return IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address);
    }
}
