using System.Reflection;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Testing;
using BetterHarness.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BetterHarness.Web.Tests.Security;

/// <summary>
/// The route table of the composed host (embedded mode: every service in one process, as <c>bh up</c> runs it). Every
/// route that can change something (POST, PUT, PATCH, DELETE) must declare its role and its audit action where it is
/// mapped (<c>.Writes(Role.Curator, "eval.retire")</c>), or say why it is not audited (<c>.WritesUnaudited(role, reason)</c>,
/// a short list this test pins); every page handler that posts must name its role. A new route that forgets fails here.
/// </summary>
public sealed class RouteTableTests(ITestOutputHelper output)
{
    private static readonly string[] Mutating = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    /// <summary>The writes that are deliberately not audited per call; adding one means adding it here, with its reason in the code.</summary>
    private static readonly string[] Unaudited =
    [
        "POST /v1/traces", "POST /v1/logs", "POST /v1/feedback",
        "POST /opentelemetry.proto.collector.trace.v1.TraceService/Export", "POST /opentelemetry.proto.collector.logs.v1.LogsService/Export",
        "POST /api/corrections/classify",
        "POST /api/traces/retention", // runs the configured retention policy early; ingest keeps no audit log, the pass is logged
        "POST /api/review/next", "POST /api/review/{candidateId}/skip", "POST /api/review/{candidateId}/lease", "DELETE /api/review/{candidateId}/lease",
    ];

    [Fact]
    public async Task Every_mutating_route_of_the_composed_host_declares_its_role_and_its_audit_entry()
    {
        await using var host = await IngestHost.StartAsync();
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (Method: m, Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), Endpoint: e)))
            .ToList();
        Assert.True(routes.Count > 50, $"only {routes.Count} routes: is the host composed of every service?");

        var failures = new List<string>();
        foreach (var (method, path, endpoint) in routes)
        {
            var role = endpoint.Metadata.GetMetadata<RoleRequirement>()?.Role;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || path.StartsWith("/health", StringComparison.Ordinal);
            if (method == "*" || !Mutating.Contains(method)) continue;
            var name = $"{method} {path}";
            if (role is null) failures.Add($"{name}: no role (map it with .Writes(Role.X, \"audit.action\"))");
            if (anonymous) failures.Add($"{name}: a write that anonymous callers reach");
            var audited = endpoint.Metadata.GetMetadata<AuditedWrite>();
            var exempt = endpoint.Metadata.GetMetadata<UnauditedWrite>();
            if (audited is null && exempt is null) failures.Add($"{name}: no audit action (.Writes(role, \"audit.action\"))");
            if (exempt is not null && (!Unaudited.Contains(name) || exempt.Reason.Length < 20))
                failures.Add($"{name}: unaudited ('{exempt.Reason}') but not on this test's short list");
        }
        foreach (var name in Unaudited)
            if (!routes.Any(r => $"{r.Method} {r.Path}" == name)) failures.Add($"{name}: on the unaudited list but not mapped");

        var byRole = routes.Where(r => r.Method != "*")
            .GroupBy(r => (Write: Mutating.Contains(r.Method), Role: r.Endpoint.Metadata.GetMetadata<RoleRequirement>()?.Role.Name()
                ?? (r.Path.StartsWith("/health", StringComparison.Ordinal) ? "anonymous (health)" : "viewer (by default)")))
            .OrderBy(g => g.Key.Write).ThenBy(g => g.Key.Role)
            .Select(g => $"{(g.Key.Write ? "write" : "read")} {g.Key.Role}: {g.Count()}");
        output.WriteLine($"{routes.Count} API routes; " + string.Join("; ", byRole));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_page_handler_that_posts_names_its_role()
    {
        var handlers = typeof(WebModule).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)).Select(m => (Page: t, Handler: m)))
            .ToList();
        // Signing in and out are the two posts anyone may make (each guarded in its own way: throttling, the antiforgery token).
        var open = handlers.Where(h => h.Page.Name is "LoginModel" or "LogoutModel").ToList();
        var missing = handlers.Except(open).Where(h => h.Handler.GetCustomAttribute<RequiresRoleAttribute>() is null)
            .Select(h => $"{h.Page.Name}.{h.Handler.Name}").ToList();
        output.WriteLine($"{handlers.Count} page post handlers: " + string.Join("; ", handlers.Except(open)
            .GroupBy(h => h.Handler.GetCustomAttribute<RequiresRoleAttribute>()?.Role.Name() ?? "none").Select(g => $"{g.Key}: {g.Count()}"))
            + $"; sign-in/out: {open.Count}");
        Assert.Equal(2, open.Count);
        Assert.True(missing.Count == 0, "page handlers without [RequiresRole]: " + string.Join(", ", missing));
    }
}
