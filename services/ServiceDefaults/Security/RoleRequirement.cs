using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>The request's actor must hold <see cref="Role"/> or a higher one.</summary>
public sealed record RoleRequirement(Role Role) : IAuthorizationRequirement;

public sealed class RoleRequirementHandler : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (Actor.From(context.User) is { } actor && actor.Role.Satisfies(requirement.Role)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class RoleEndpointExtensions
{
    /// <summary>
    /// Admits only actors with <paramref name="role"/> or higher: anonymous → 401 (or the web UI's login), a lower
    /// role → 403 naming the role needed. Put it on every write: <c>app.MapPost(...).RequireRole(Role.Curator)</c>.
    /// </summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder
    {
        var requirement = new RoleRequirement(role);
        builder.RequireAuthorization(new AuthorizationPolicyBuilder().AddRequirements(requirement).Build());
        return builder.WithMetadata(requirement);
    }
}
