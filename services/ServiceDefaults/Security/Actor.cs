using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Who made a request: a person signed in by the web UI, a machine with an API key, or the local admin of a
/// loopback install without accounts. Written into audit entries.
/// </summary>
/// <param name="Name">Account name, API key name, or <c>local-admin</c>.</param>
/// <param name="Kind"><see cref="ActorKinds"/>: <c>user</c>, <c>api-key</c> or <c>local</c>.</param>
/// <param name="Owner">The person an API key belongs to (<see cref="ApiKeyGrant.Owner"/>), or null.</param>
public sealed record Actor(string Name, Role Role, string Kind, string? Owner = null)
{
    /// <summary>Claim holding the role name on the request's principal.</summary>
    public const string RoleClaim = ClaimTypes.Role;

    /// <summary>Claim holding <see cref="Kind"/>.</summary>
    public const string KindClaim = "bh:actor-kind";

    /// <summary>Claim holding <see cref="Owner"/>.</summary>
    public const string OwnerClaim = "bh:owner";

    /// <summary>
    /// The person behind the request: a key's owner, else the actor's own name. Rules about people (four eyes:
    /// whoever started a run does not approve it) compare principals, so a person and their keys count as one.
    /// </summary>
    public string Principal => Owner ?? Name;

    /// <summary>True when both actors are the same person (<see cref="Principal"/>, compared without case).</summary>
    public bool SamePersonAs(string principal) => string.Equals(Principal, principal, StringComparison.OrdinalIgnoreCase);

    /// <summary>The actor of a principal built by any scheme (cookie, API key, local), or null when anonymous.</summary>
    public static Actor? From(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name }) return null;
        // One role claim per principal; a second (never issued here) could only narrow it, so the first counts.
        var role = principal.FindAll(RoleClaim).Select(c => RoleNames.TryParse(c.Value, out var r) ? r : 0).FirstOrDefault();
        return role == 0 ? null : new Actor(name, role, principal.FindFirst(KindClaim)?.Value ?? ActorKinds.User, principal.FindFirst(OwnerClaim)?.Value);
    }

    /// <summary>A principal for this actor, authenticated by <paramref name="scheme"/>.</summary>
    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Name), new Claim(RoleClaim, Role.Name()), new Claim(KindClaim, Kind),
            .. Owner is null ? Array.Empty<Claim>() : [new Claim(OwnerClaim, Owner)]], scheme));
}

public static class ActorKinds
{
    public const string User = "user";
    public const string ApiKey = "api-key";
    public const string Local = "local";
}

public static class ActorHttpContextExtensions
{
    /// <summary>
    /// The request's actor. Endpoints that write call this after <c>RequireRole</c> has admitted the request, so it
    /// is never null there; elsewhere it is null for an anonymous request.
    /// </summary>
    public static Actor? Actor(this HttpContext context) => Security.Actor.From(context.User);

    public static Actor RequiredActor(this HttpContext context) => context.Actor()
        ?? throw new InvalidOperationException("no authenticated actor: the endpoint is missing RequireRole(...)");
}
