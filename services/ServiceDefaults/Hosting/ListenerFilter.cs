using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.ServiceDefaults.Hosting;

/// <summary>
/// Runs after routing: answers 404 when the matched endpoint is not served on the listener the request came in on
/// (see <see cref="Listeners"/>). A request that matched no endpoint (static files, a fallback) passes only on the
/// API listener, so middleware a module adds later cannot leak onto the OTLP listeners either. Kestrel tags each
/// connection with its listener names as it is accepted (<see cref="Tag"/>), so this holds with port 0 and with two
/// listeners sharing one address.
/// </summary>
public sealed class ListenerFilter(RequestDelegate next)
{
    private const string ItemKey = "bh.listeners";
    private static readonly ListenerMetadata ApiOnly = new([Listeners.Api]);

    /// <summary>Kestrel connection middleware that records which listener(s) accepted the connection.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> Tag(IReadOnlyCollection<string> names) =>
        next => connection =>
        {
            connection.Items[ItemKey] = names;
            return next(connection);
        };

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var value) != true
            || value is not IReadOnlyCollection<string> names
            || (context.GetEndpoint()?.Metadata.GetMetadata<ListenerMetadata>() ?? ApiOnly).Allows(names))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Response.WriteAsJsonAsync(new
        {
            error = $"{context.Request.Path} is not served on this listener ({string.Join(", ", names)}); see README's HTTP API table for the port that serves it",
        });
    }
}
