using System.Reflection;
using System.Security.Claims;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BetterHarness.Web.Hosting;

/// <summary>
/// On a page handler (<c>OnPostAcceptAsync</c>): only actors with this role or a higher one may run it; others get
/// 403 before the handler runs. The page hides the action for them (<see cref="RoleChecks.May"/>); this is the server's
/// refusal behind it, and the backend API checks the same role again for the person the web service acts for.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRoleAttribute(Role role) : Attribute
{
    public Role Role { get; } = role;
}

public sealed class RequiresRoleFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequiresRoleAttribute>() is not { } required
            || context.HttpContext.User.May(required.Role))
            return next();
        var actor = Actor.From(context.HttpContext.User);
        context.Result = new ContentResult
        {
            StatusCode = StatusCodes.Status403Forbidden,
            ContentType = "text/plain; charset=utf-8",
            Content = $"{actor?.Name ?? "An anonymous visitor"} ({actor?.Role.Name() ?? "no role"}) may not do this: it needs the {required.Role.Name()} role.",
        };
        return Task.CompletedTask;
    }
}

public static class RoleChecks
{
    /// <summary>True when the signed-in actor (or open mode's local admin) holds <paramref name="role"/> or a higher one.</summary>
    public static bool May(this ClaimsPrincipal user, Role role) => Actor.From(user) is { } actor && actor.Role.Satisfies(role);
}
