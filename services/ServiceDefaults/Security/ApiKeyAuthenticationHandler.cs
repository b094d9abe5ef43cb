using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer KEY</c> / <c>X-Api-Key: KEY</c> as the key's actor; in open mode every
/// request is the local admin. A missing key is "no result" so another scheme (the web UI's cookie) may still
/// sign the request in; a wrong key fails.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyRegistry keys, SecurityMode mode)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string MissingKeyMessage = "missing or invalid API key: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'";

    public static readonly Actor LocalAdmin = new("local-admin", Role.Admin, ActorKinds.Local);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
            return Task.FromResult(mode.Open ? Success(LocalAdmin) : AuthenticateResult.NoResult());
        if (keys.Find(presented) is not { } holder) return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        var actor = holder.ActsForUsers ? ActingFor.Read(Request, holder.Actor) ?? holder.Actor : holder.Actor;
        return Task.FromResult(Success(actor));
    }

    /// <summary>The key a request presents, or null when it presents none.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var presented = request.Headers["X-Api-Key"].ToString();
        if (presented.Length == 0)
        {
            var auth = request.Headers.Authorization.ToString();
            if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) presented = auth[7..].Trim();
        }
        return presented.Length == 0 ? null : presented;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Response.WriteAsJsonAsync(new { error = MissingKeyMessage });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var actor = Actor.From(Context.User);
        var needed = Context.GetEndpoint()?.Metadata.GetMetadata<RoleRequirement>()?.Role;
        return Response.WriteAsJsonAsync(new
        {
            error = $"{actor?.Name ?? "this caller"} ({actor?.Role.Name() ?? "no role"}) may not do this" +
                    (needed is { } r ? $": it needs the {r.Name()} role" : ""),
        });
    }

    private AuthenticateResult Success(Actor actor) =>
        AuthenticateResult.Success(new AuthenticationTicket(actor.ToPrincipal(SchemeName), SchemeName));
}
