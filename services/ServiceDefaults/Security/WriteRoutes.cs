using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>Endpoint metadata: a write audited under <see cref="Action"/> (the audit entry's action, or its prefix).</summary>
public sealed record AuditedWrite(string Action);

/// <summary>Endpoint metadata: a mutating route that writes no audit entry, and why (telemetry volume, a pure computation …).</summary>
public sealed record UnauditedWrite(string Reason);

/// <summary>
/// How every write route declares who may call it and what the audit log records, in the one line that maps it:
/// <code>group.MapPost("/{id}/retire", Retire).Writes(Role.Curator, "eval.retire");</code>
/// <see cref="Writes{TBuilder}"/> is <c>RequireRole</c> plus <see cref="AuditedWrite"/>; the handler appends the audit
/// entry (<see cref="AuditLog.Append"/>) in the transaction of its change, and a filter logs an error when a write
/// succeeded without one. <see cref="WritesUnaudited{TBuilder}"/> is for the few that must not be audited per call,
/// with the reason. The route-table test fails for any POST/PUT/PATCH/DELETE route with neither.
/// </summary>
public static class WriteRoutes
{
    public static TBuilder Writes<TBuilder>(this TBuilder builder, Role role, string auditAction) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireRole(role).WithMetadata(new AuditedWrite(auditAction));
        builder.AddEndpointFilter(async (context, next) =>
        {
            using var scope = AuditScope.Begin();
            var result = await next(context);
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : context.HttpContext.Response.StatusCode;
            if (status is >= 200 and < 300 && !scope.Recorded(auditAction))
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WriteRoutes))
                    .LogError("{Method} {Path} succeeded without writing its '{Action}' audit entry", context.HttpContext.Request.Method,
                        context.HttpContext.Request.Path, auditAction);
            return result;
        });
        return builder;
    }

    public static TBuilder WritesUnaudited<TBuilder>(this TBuilder builder, Role role, string reason) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRole(role).WithMetadata(new UnauditedWrite(reason));
}

/// <summary>The audit actions appended during one request (checked by <see cref="WriteRoutes.Writes{TBuilder}"/>'s filter).</summary>
public sealed class AuditScope : IDisposable
{
    private static readonly AsyncLocal<AuditScope?> Current = new();
    private readonly AuditScope? _outer;
    private readonly List<string> _actions = [];

    private AuditScope(AuditScope? outer) => _outer = outer;

    public static AuditScope Begin() => Current.Value = new AuditScope(Current.Value);

    internal static void Note(string action)
    {
        if (Current.Value is { } scope) lock (scope._actions) scope._actions.Add(action);
    }

    /// <summary>
    /// Says the write changed nothing (an import of identical lines, an edit to the same values), so its missing audit
    /// entry is not an error.
    /// </summary>
    public static void NothingChanged() => Note(Unchanged);

    /// <summary>True when an entry whose action starts with one of <paramref name="actions"/> (<c>a|b</c>) was appended, or nothing changed.</summary>
    public bool Recorded(string actions)
    {
        var wanted = actions.Split('|');
        lock (_actions) return _actions.Any(a => a == Unchanged || wanted.Any(w => a.StartsWith(w, StringComparison.Ordinal)));
    }

    private const string Unchanged = "\0unchanged";

    public void Dispose() => Current.Value = _outer;
}
