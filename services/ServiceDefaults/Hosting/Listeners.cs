using Microsoft.AspNetCore.Builder;

namespace BetterHarness.ServiceDefaults.Hosting;

/// <summary>
/// Which listener serves which endpoint. Every endpoint is served on the API listener (<see cref="Api"/>) only,
/// unless it says otherwise with <see cref="ServeOn{TBuilder}"/>, e.g. <c>app.MapPost("/v1/traces", …).ServeOn("otlp-http")</c>
/// or, for a whole route group, <c>app.MapGroup("").ServeOn("otlp-http")</c>. A listener never serves another's
/// routes (404), so binding OTLP to a public address does not expose the API.
/// </summary>
public static class Listeners
{
    /// <summary>The shared HTTP API (and web UI) listener, <c>BetterHarness:ApiEndpoint</c>.</summary>
    public const string Api = "api";

    /// <summary>Marks an endpoint served on every listener (health checks, so each port can be probed).</summary>
    public const string Every = "*";

    /// <summary>Serves the endpoint(s) on the named listeners instead of the API listener.</summary>
    public static TBuilder ServeOn<TBuilder>(this TBuilder builder, params string[] listeners) where TBuilder : IEndpointConventionBuilder
    {
        if (listeners.Length == 0) throw new ArgumentException("name at least one listener", nameof(listeners));
        builder.WithMetadata(new ListenerMetadata(listeners));
        return builder;
    }
}

/// <summary>Endpoint metadata: the listeners (by <see cref="ListenerSpec.Name"/>) that serve the endpoint.</summary>
public sealed record ListenerMetadata(IReadOnlyList<string> Names)
{
    public bool Allows(IReadOnlyCollection<string> connectionListeners) =>
        Names.Contains(Listeners.Every) || Names.Any(connectionListeners.Contains);
}
