using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Authentication and roles for every service: API keys (and open mode's local admin) out of the box; the web UI
/// adds a cookie scheme by naming it in <see cref="InteractiveSchemeOptions"/>. The default scheme picks the API
/// key scheme when a request presents a key, else the interactive scheme when one is registered.
/// </summary>
public static class SecurityRegistration
{
    public const string DefaultScheme = "BetterHarness";

    public static IServiceCollection AddBetterHarnessSecurity(this IServiceCollection services, HostingOptions hosting, SecurityOptions security)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new ApiKeyRegistry(hosting, security));
        services.AddSingleton(security);
        services.AddSingleton<SecurityMode>();
        services.AddSingleton<ServiceCredentials>();
        services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        services.AddAuthorization();
        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "API key or the web UI's sign-in", o => o.ForwardDefaultSelector = context =>
            {
                var interactive = context.RequestServices.GetRequiredService<IOptions<InteractiveSchemeOptions>>().Value.Scheme;
                return interactive is null || ApiKeyAuthenticationHandler.PresentedKey(context.Request) is not null
                    || context.RequestServices.GetRequiredService<SecurityMode>().Open
                    ? ApiKeyAuthenticationHandler.SchemeName : interactive;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        return services;
    }

    /// <summary>Authentication, the gate for anonymous requests, then authorization (what <c>RequireRole</c> uses).</summary>
    public static WebApplication UseBetterHarnessSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<AuthenticationGate>();
        app.UseAuthorization();
        return app;
    }
}

/// <summary>The authentication scheme people sign in with (the web UI's cookie scheme); none by default.</summary>
public sealed class InteractiveSchemeOptions
{
    public string? Scheme { get; set; }

    /// <summary>Path prefixes anyone may fetch outside open mode (the static files the login page needs).</summary>
    public List<string> AnonymousPaths { get; } = [];
}
