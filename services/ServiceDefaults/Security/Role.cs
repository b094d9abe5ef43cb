namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// What an actor may do. <see cref="Viewer"/>, <see cref="Curator"/> and <see cref="Admin"/> each include the ones
/// below; <see cref="Ingest"/> stands apart: it sends telemetry and feedback and reads nothing. Compare roles with
/// <see cref="RoleNames.Satisfies"/>, never with <c>&gt;=</c>.
/// </summary>
public enum Role
{
    /// <summary>Reads everything (pages, lists, exports, the audit log).</summary>
    Viewer = 1,
    /// <summary>Also reviews candidates and edits, retires and imports eval cases.</summary>
    Curator = 2,
    /// <summary>Also administers: accounts, harness approval, settings; and may ingest.</summary>
    Admin = 3,
    /// <summary>A production agent's key: sends OTLP traces and logs and user feedback, nothing else (it cannot read).</summary>
    Ingest = 4,
}

/// <summary>Role names as written in configuration and shown in the API (<c>viewer</c>, <c>curator</c>, <c>admin</c>, <c>ingest</c>).</summary>
public static class RoleNames
{
    public static string Name(this Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Curator => "curator",
        Role.Admin => "admin",
        Role.Ingest => "ingest",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    public static bool TryParse(string? value, out Role role)
    {
        role = value?.Trim().ToLowerInvariant() switch
        {
            "viewer" => Role.Viewer,
            "curator" => Role.Curator,
            "admin" => Role.Admin,
            "ingest" => Role.Ingest,
            _ => 0,
        };
        return role != 0;
    }

    /// <summary>
    /// True when an actor holding <paramref name="held"/> may do what needs <paramref name="needed"/>: the reading and
    /// curating roles include the ones below them; ingesting needs <see cref="Role.Ingest"/> or <see cref="Role.Admin"/>;
    /// an ingest key may do nothing else.
    /// </summary>
    public static bool Satisfies(this Role held, Role needed) => (held, needed) switch
    {
        (_, Role.Ingest) => held is Role.Ingest or Role.Admin,
        (Role.Ingest, _) => false,
        _ => held >= needed,
    };

    /// <summary>The lesser of a person's role and the role of the key acting for them (never more than the key may do).</summary>
    public static Role CappedBy(this Role role, Role key) =>
        key == Role.Ingest || role == Role.Ingest ? (role == key ? role : Role.Ingest) : (Role)Math.Min((int)role, (int)key);
}
