using Microsoft.AspNetCore.Http;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// How the web service tells a backend which person a request is for: <c>X-BetterHarness-Acting-For: ROLE KIND NAME</c>
/// (name URL-escaped), e.g. <c>curator user carol</c>. A backend honours it only on a request whose API key may act
/// for users (this process's in-process key, or a configured key with <see cref="ApiKeyGrant.ActsForUsers"/>); the
/// person's role is capped at the key's role. From any other caller the header is ignored, so nobody can write
/// someone else's name into the audit log.
/// </summary>
public static class ActingFor
{
    public const string Header = "X-BetterHarness-Acting-For";

    public static string Format(Actor actor) => $"{actor.Role.Name()} {actor.Kind} {Uri.EscapeDataString(actor.Name)}";

    /// <summary>The person a request acts for, or null when it names none (or names one malformed).</summary>
    public static Actor? Read(HttpRequest request, Actor key)
    {
        var parts = request.Headers[Header].ToString().Split(' ');
        if (parts is not [var roleName, var kind, var escaped] || !RoleNames.TryParse(roleName, out var role)) return null;
        var name = Uri.UnescapeDataString(escaped);
        if (name.Length == 0 || kind is not (ActorKinds.User or ActorKinds.Local or ActorKinds.ApiKey)) return null;
        return new Actor(name, role.CappedBy(key.Role), kind);
    }
}
