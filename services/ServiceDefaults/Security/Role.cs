namespace BetterHarness.ServiceDefaults.Security;

/// <summary>What an actor may do; each role includes the ones below it.</summary>
public enum Role
{
    /// <summary>Reads everything (pages, lists, exports, the audit log).</summary>
    Viewer = 1,
    /// <summary>Also reviews candidates and edits, retires and imports eval cases.</summary>
    Curator = 2,
    /// <summary>Also administers: accounts, harness approval, settings.</summary>
    Admin = 3,
}

/// <summary>Role names as written in configuration and shown in the API (<c>viewer</c>, <c>curator</c>, <c>admin</c>).</summary>
public static class RoleNames
{
    public static string Name(this Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Curator => "curator",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    public static bool TryParse(string? value, out Role role)
    {
        role = value?.Trim().ToLowerInvariant() switch
        {
            "viewer" => Role.Viewer,
            "curator" => Role.Curator,
            "admin" => Role.Admin,
            _ => 0,
        };
        return role != 0;
    }
}
