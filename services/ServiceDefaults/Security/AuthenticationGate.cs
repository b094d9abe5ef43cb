using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Outside open mode, every request except health checks and endpoints marked <c>AllowAnonymous</c> (a login
/// page) and the interactive scheme's anonymous paths (the login page's style sheet) must be signed in: HTTP gets the scheme's challenge (401, or the web UI's redirect to its login), gRPC
/// gets UNAUTHENTICATED. An ingest key (<see cref="Role.Ingest"/>) reaches only the routes that declare that role (OTLP
/// and feedback); anything else answers 403, so an agent's key cannot read traces or pages.
/// </summary>
public sealed class AuthenticationGate(RequestDelegate next, SecurityMode mode, IOptions<InteractiveSchemeOptions> interactive)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && Actor.From(context.User) is { Role: Role.Ingest } ingest
            && context.GetEndpoint()?.Metadata.GetMetadata<RoleRequirement>()?.Role != Role.Ingest
            && !context.Request.Path.StartsWithSegments("/health"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsJsonAsync(new { error = $"{ingest.Name} is an ingest key: it may send OTLP and feedback, nothing else" });
        }
        if (mode.Open || context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/health")
            || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || interactive.Value.AnonymousPaths.Any(p => context.Request.Path.StartsWithSegments(p)))
            return next(context);
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            // Trailers-only gRPC response: status 16 = UNAUTHENTICATED.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "16";
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(ApiKeyAuthenticationHandler.MissingKeyMessage);
            return Task.CompletedTask;
        }
        return context.ChallengeAsync();
    }
}
