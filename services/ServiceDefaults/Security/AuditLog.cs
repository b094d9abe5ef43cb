using System.Data;
using Dapper;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>One audit entry: who (actor and role) did what (action) to which subject (a case id, a candidate id …), and when.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Role, string Action, string Subject, string? Detail);

/// <summary>
/// The audit log of a service, kept in the service's own database so an entry commits in the same transaction as
/// the change it records. The service's migration creates the table:
/// <code>CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
///   action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT); CREATE INDEX ix_audit_subject ON audit_log (subject);</code>
/// </summary>
public static class AuditLog
{
    /// <summary>Longest detail kept; a longer one is cut (the audit log is served to every reader of the audit page).</summary>
    public const int MaxDetail = TextLimits.Reason + 200;

    public static void Append(IDbConnection connection, IDbTransaction transaction, Actor actor, string action, string subject,
        string? detail, DateTimeOffset at)
    {
        if (detail is { Length: > MaxDetail }) detail = detail[..MaxDetail] + "…";
        connection.Execute(
            "INSERT INTO audit_log (at, actor, role, action, subject, detail) VALUES (@at, @actor, @role, @action, @subject, @detail)",
            new { at = at.ToString("O"), actor = actor.Name, role = actor.Role.Name(), action, subject, detail }, transaction);
        AuditScope.Note(action);
    }

    /// <summary>Appends one entry in its own transaction (for a change that was committed by a store of its own).</summary>
    public static void Write(Storage.Database database, Actor actor, string action, string subject, string? detail, DateTimeOffset at)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Append(connection, transaction, actor, action, subject, detail, at);
        transaction.Commit();
    }

    /// <summary>
    /// Newest first; each filter is optional. <paramref name="before"/> pages by id within one log, <paramref name="until"/>
    /// (exclusive) by time across logs: entries are written with UTC ISO-8601 times, which sort as text in time order.
    /// </summary>
    public static IReadOnlyList<AuditEntry> List(IDbConnection connection, string? actor, string? action, string? subject, long? before, int limit,
        DateTimeOffset? until = null) =>
        connection.Query<(long Id, string At, string Actor, string Role, string Action, string Subject, string? Detail)>("""
                SELECT id, at, actor, role, action, subject, detail FROM audit_log
                WHERE (@actor IS NULL OR actor = @actor) AND (@action IS NULL OR action = @action)
                  AND (@subject IS NULL OR subject = @subject) AND (@before IS NULL OR id < @before)
                  AND (@until IS NULL OR at < @until)
                ORDER BY id DESC LIMIT @limit
                """, new { actor, action, subject, before, limit, until = until?.ToUniversalTime().ToString("O") })
            .Select(r => new AuditEntry(r.Id, DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), r.Actor, r.Role, r.Action, r.Subject, r.Detail))
            .ToList();
}
