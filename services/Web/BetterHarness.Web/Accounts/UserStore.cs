using System.Globalization;
using System.Text.RegularExpressions;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace BetterHarness.Web.Accounts;

/// <summary>
/// The web service's accounts (store <c>web</c>: <c>web.db</c> in the data dir, or schema <c>web</c> on PostgreSQL). Passwords are hashed with ASP.NET Core's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, versioned: old hashes are upgraded at the next sign-in).
/// While any enabled account exists the host is out of open mode (<see cref="ICredentialSource"/>); that answer is
/// cached for two seconds, so <c>bh users add</c> against a running instance takes effect within two seconds.
/// </summary>
public sealed partial class UserStore : ICredentialSource
{
    public const string FileName = "web.db";
    public const int MinPasswordLength = 8;
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private readonly Database _db;
    private readonly TimeProvider _time;
    private readonly PasswordHasher<UserAccount> _hasher = new();
    private readonly string _dummyHash;
    private (bool Any, long At) _anyCache = (false, long.MinValue);

    public UserStore(Database db, TimeProvider time)
    {
        _db = db;
        _time = time;
        _dummyHash = _hasher.HashPassword(null!, "not a password of anyone");
    }

    /// <summary>The web service's store on the engine <paramref name="databases"/> names for it, migrated.</summary>
    public static UserStore Open(Databases databases, TimeProvider time) =>
        new(databases.Open("web", "web", typeof(UserStore).Assembly), time);

    /// <summary>The store in <c>web.db</c> under <paramref name="dataDir"/> (SQLite).</summary>
    public static UserStore Open(string dataDir, TimeProvider time) => Open(Databases.Sqlite(dataDir), time);

    public bool AnyConfigured
    {
        get
        {
            var cached = _anyCache;
            var now = _time.GetTimestamp();
            if (cached.At != long.MinValue && _time.GetElapsedTime(cached.At, now) < CacheFor) return cached.Any;
            using var connection = _db.Open();
            var any = connection.ExecuteScalar<long>("SELECT EXISTS (SELECT 1 FROM users WHERE disabled = 0)") == 1;
            _anyCache = (any, now);
            return any;
        }
    }

    public UserAccount Add(string name, Role role, string password)
    {
        ValidateName(name);
        ValidatePassword(password);
        using var connection = _db.Open();
        using var tx = connection.BeginTransaction();
        if (connection.ExecuteScalar<long>("SELECT count(*) FROM users", transaction: tx) == 0 && role != Role.Admin)
            throw new AccountException($"The first account must be an admin (admins manage accounts and approve harness versions): bh users add {name} --role admin");
        if (connection.ExecuteScalar<long>("SELECT count(*) FROM users WHERE name = @name", new { name }, tx) > 0)
            throw new AccountException($"An account named '{name}' exists already. Change it with 'bh users set-password' or 'bh users set-role'.");
        var at = _time.GetUtcNow();
        connection.Execute("INSERT INTO users (name, role, password_hash, created_at) VALUES (@name, @role, @hash, @at)",
            new { name, role = role.Name(), hash = _hasher.HashPassword(null!, password), at = at.ToString("O") }, tx);
        tx.Commit();
        Invalidate();
        return Find(name)!;
    }

    public IReadOnlyList<UserAccount> List()
    {
        using var connection = _db.Open();
        return connection.Query<Row>("SELECT name, role, disabled, stamp, created_at AS CreatedAt, last_signin_at AS LastSignInAt FROM users ORDER BY name")
            .Select(r => r.ToAccount()).ToList();
    }

    public UserAccount? Find(string name)
    {
        using var connection = _db.Open();
        return connection.QuerySingleOrDefault<Row>(
            "SELECT name, role, disabled, stamp, created_at AS CreatedAt, last_signin_at AS LastSignInAt FROM users WHERE name = @name",
            new { name })?.ToAccount();
    }

    /// <summary>The account when the name and password match an enabled account, else null (in the same time either way).</summary>
    public UserAccount? Verify(string name, string password)
    {
        using var connection = _db.Open();
        var row = connection.QuerySingleOrDefault<(string Name, string Hash, long Disabled)>(
            "SELECT name, password_hash, disabled FROM users WHERE name = @name", new { name });
        var result = _hasher.VerifyHashedPassword(null!, row.Hash ?? _dummyHash, password);
        if (row.Name is null || row.Disabled != 0 || result == PasswordVerificationResult.Failed) return null;
        var rehash = result == PasswordVerificationResult.SuccessRehashNeeded ? _hasher.HashPassword(null!, password) : null;
        connection.Execute("UPDATE users SET last_signin_at = @at, password_hash = coalesce(@rehash, password_hash) WHERE name = @name",
            new { name = row.Name, at = _time.GetUtcNow().ToString("O"), rehash });
        return Find(row.Name);
    }

    /// <summary>Starts a session for <paramref name="account"/>; the id returned goes into the cookie (only its hash is stored).</summary>
    public string StartSession(UserAccount account)
    {
        var id = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var connection = _db.Open();
        var now = _time.GetUtcNow();
        // Sessions that idled out are never looked up again; each sign-in sweeps them so the table stays small.
        connection.Execute("DELETE FROM sessions WHERE last_seen_ms < @cutoff",
            new { cutoff = now.ToUnixTimeMilliseconds() - (long)WebSignIn.IdleLimit.TotalMilliseconds });
        connection.Execute("""
            INSERT INTO sessions (id_hash, user_name, user_created_at, created_at, last_seen_ms)
            SELECT @hash, name, created_at, @at, @ms FROM users WHERE name = @name
            """, new { hash = Hash(id), name = account.Name, at = now.ToString("O"), ms = now.ToUnixTimeMilliseconds() });
        return id;
    }

    /// <summary>
    /// The account a session belongs to, read afresh (role included), or null when the session was ended, idled longer
    /// than <paramref name="idle"/>, or its account is disabled, removed or a new account of the same name.
    /// </summary>
    public UserAccount? FindSession(string id, TimeSpan idle)
    {
        using var connection = _db.Open();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var row = connection.QuerySingleOrDefault<(string Name, long LastSeen)>("""
            SELECT u.name, s.last_seen_ms FROM sessions s JOIN users u ON u.name = s.user_name AND u.created_at = s.user_created_at
            WHERE s.id_hash = @hash AND u.disabled = 0
            """, new { hash = Hash(id) });
        if (row.Name is null || now - row.LastSeen > (long)idle.TotalMilliseconds) return null;
        // Touch at most once a minute: a page load fires several requests, and each would otherwise be a write.
        if (now - row.LastSeen > 60_000)
            connection.Execute("UPDATE sessions SET last_seen_ms = @now WHERE id_hash = @hash", new { now, hash = Hash(id) });
        return Find(row.Name);
    }

    public void EndSession(string id)
    {
        using var connection = _db.Open();
        connection.Execute("DELETE FROM sessions WHERE id_hash = @hash", new { hash = Hash(id) });
    }

    /// <summary>How many sessions an account has open (for <c>bh users list</c> and tests).</summary>
    public long SessionCount(string name)
    {
        using var connection = _db.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM sessions WHERE user_name = @name", new { name });
    }

    private static string Hash(string id) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));

    public void SetPassword(string name, string password)
    {
        ValidatePassword(password);
        Change(name, "password_hash = @value", _hasher.HashPassword(null!, password));
    }

    public void SetRole(string name, Role role) => Change(name, "role = @value", role.Name());

    public void SetDisabled(string name, bool disabled) => Change(name, "disabled = @value", disabled ? 1 : 0);

    public void Remove(string name)
    {
        using var connection = _db.Open();
        using var tx = connection.BeginTransaction();
        if (connection.Execute("DELETE FROM users WHERE name = @name", new { name }, tx) == 0) throw Unknown(name);
        connection.Execute("DELETE FROM sessions WHERE user_name = @name", new { name }, tx);
        tx.Commit();
        Invalidate();
    }

    private void Change(string name, string assignment, object value)
    {
        using var connection = _db.Open();
        using var tx = connection.BeginTransaction();
        // The column list is one of this class's constants, never input; the values are parameters.
        if (connection.Execute($"UPDATE users SET {assignment}, stamp = stamp + 1 WHERE name = @name", new { name, value }, tx) == 0)
            throw Unknown(name);
        // A changed role, password or disabled flag ends every session of the account.
        connection.Execute("DELETE FROM sessions WHERE user_name = @name", new { name }, tx);
        tx.Commit();
        Invalidate();
    }

    private void Invalidate() => _anyCache = (false, long.MinValue);

    private static AccountException Unknown(string name) => new($"No account named '{name}'. 'bh users list' shows the accounts.");

    private static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name))
            throw new AccountException($"'{name}' is not a valid account name: use 1–64 letters, digits, '.', '_', '-' or '@'.");
    }

    private static void ValidatePassword(string password)
    {
        if (password.Length < MinPasswordLength)
            throw new AccountException($"The password is too short: use at least {MinPasswordLength} characters.");
    }

    [GeneratedRegex(@"^[\p{L}\p{N}._@-]{1,64}$")]
    private static partial Regex NamePattern();

    private sealed record Row(string Name, string Role, long Disabled, long Stamp, string CreatedAt, string? LastSignInAt)
    {
        public UserAccount ToAccount() => new(Name, RoleNames.TryParse(Role, out var r) ? r : ServiceDefaults.Security.Role.Viewer, Disabled != 0, Stamp,
            DateTimeOffset.Parse(CreatedAt, CultureInfo.InvariantCulture),
            LastSignInAt is null ? null : DateTimeOffset.Parse(LastSignInAt, CultureInfo.InvariantCulture));
    }
}
