using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace BetterHarness.ServiceDefaults.Hosting;

/// <summary>
/// One service of the pipeline (ingest, clustering, …). The host composes modules: <c>bh up</c> runs
/// all of them in one process on the in-memory transport, <c>bh run NAME</c> runs one on RabbitMQ.
/// Both use the same registrations, so embedded and distributed modes share every consumer and store.
/// </summary>
public abstract class ServiceModule
{
    /// <summary>Name used by <c>bh run NAME</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether the service's stores run on PostgreSQL too (<c>BetterHarness:Storage:Provider</c>). A service that does
    /// not keeps its SQLite files when postgres is the shared default, and refuses to start when named postgres itself.
    /// </summary>
    public virtual bool StoresOnPostgres => false;

    /// <summary>Listeners this service needs besides the shared API listener.</summary>
    public virtual IEnumerable<ListenerSpec> Listeners(IConfiguration configuration) => [];

    public abstract void AddServices(WebApplicationBuilder builder);

    public virtual void AddConsumers(IBusRegistrationConfigurator bus) { }

    /// <summary>
    /// Maps the module's endpoints. They are served on the shared API listener (<see cref="Listeners.Api"/>) only;
    /// an endpoint that belongs on one of the module's own <see cref="Listeners(IConfiguration)"/> says so with
    /// <c>.ServeOn("listener-name")</c> (on the endpoint or on a route group), and is then served there only.
    /// New services (curation, web UI, optimizer) map their API as usual and it lands on the API listener.
    /// </summary>
    public abstract void MapEndpoints(WebApplication app);
}

/// <summary>
/// An extra Kestrel listener: its name (what <c>.ServeOn(name)</c> refers to, and shown in logs), address and
/// protocols. Two listeners configured on the same address share one socket and serve both listeners' routes.
/// </summary>
public sealed record ListenerSpec(string Name, ListenAddress Address, HttpProtocols Protocols);
