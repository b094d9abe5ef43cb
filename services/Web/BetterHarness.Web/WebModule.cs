using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using BetterHarness.Web.Accounts;
using BetterHarness.Web.Backends;
using BetterHarness.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace BetterHarness.Web;

/// <summary>
/// The web UI, the product's one front door. Embedded: served with every other service on the API listener.
/// Distributed (<c>bh run web</c>): its own process, reaching the others over their HTTP APIs and forwarding
/// <c>/api/*</c> to them.
/// </summary>
public sealed class WebModule : ServiceModule
{
    public override string Name => "web";

    public override bool StoresOnPostgres => true;

    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // One line per backend call would drown the log; failures surface as BackendUnavailableException.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidation>();
        services.AddSingleton<ServiceDirectory>();
        services.AddSingleton<StaticAssets>();
        services.AddHttpContextAccessor();
        services.AddBetterHarnessStorage();
        services.AddSingleton(sp => UserStore.Open(sp.GetRequiredService<Databases>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICredentialSource>(sp => sp.GetRequiredService<UserStore>());
        services.AddSingleton<SignInThrottle>();
        WebSignIn.Add(services);
        AddBackend<IngestClient>(services, "ingest");
        AddBackend<ProductionClient>(services, "ingest");
        AddBackend<ClusteringClient>(services, "clustering");
        AddBackend<MiningClient>(services, "mining");
        AddBackend<OptimizerClient>(services, "optimizer");
        AddBackend<EvalRunClient>(services, "optimizer");
        AddBackend<CurationClient>(services, "curation");
        services.AddTransient<Pages.Audit.AuditSources>();

        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddRazorPages(o =>
            {
                o.Conventions.ConfigureFilter(new BackendErrorFilter());
                o.Conventions.ConfigureFilter(new RequiresRoleFilter());
            })
            .AddApplicationPart(typeof(WebModule).Assembly);
        services.AddReverseProxy().LoadFromMemory([], []);
    }

    /// <summary>A typed client for one backend service: base URL from <see cref="ServiceDirectory"/>, API key attached.</summary>
    public static IHttpClientBuilder AddBackend<TClient>(IServiceCollection services, string service) where TClient : class =>
        services.AddHttpClient<TClient>((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<ServiceDirectory>().BaseAddress(service);
                http.Timeout = sp.GetRequiredService<IOptions<WebOptions>>().Value.BackendTimeout;
            })
            .AddHttpMessageHandler(sp => new ServiceKeyHandler(service, sp.GetRequiredService<ServiceDirectory>(),
                sp.GetRequiredService<ApiKeyRegistry>(), sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()));

    public override void MapEndpoints(WebApplication app)
    {
        app.UseMiddleware<RequestForgeryGuard>();
        app.Services.GetRequiredService<StaticAssets>().Use(app);
        app.MapRazorPages();
        var (routes, clusters) = ApiGateway.Config(app.Services.GetRequiredService<ServiceDirectory>());
        if (routes.Count == 0) return;
        app.Services.GetRequiredService<InMemoryConfigProvider>().Update(routes, clusters);
        app.MapReverseProxy(GatewayErrors.Use);
    }
}
