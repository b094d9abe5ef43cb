using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Testing.Storage;
using BetterHarness.Web.Accounts;

namespace BetterHarness.Web.Tests.Accounts;

/// <summary>The web service's accounts store, the same tests on SQLite and on PostgreSQL.</summary>
public abstract class UserStoreTests(StoreEngine engine)
{
    private UserStore NewStore() => UserStore.Open(engine.NewDatabases(), TimeProvider.System);

    [Fact]
    public void The_first_account_must_be_an_admin_and_names_are_unique_regardless_of_case()
    {
        var users = NewStore();
        Assert.False(users.AnyConfigured);
        Assert.Throws<AccountException>(() => users.Add("viewer1", Role.Viewer, "long enough"));
        users.Add("Alice", Role.Admin, "long enough");
        var duplicate = Assert.Throws<AccountException>(() => users.Add("alice", Role.Curator, "long enough"));
        Assert.Contains("exists already", duplicate.Message);
        Assert.Equal("Alice", users.Find("ALICE")?.Name);
        Assert.True(users.AnyConfigured);
    }

    [Fact]
    public void Verify_accepts_the_password_and_records_the_sign_in()
    {
        var users = NewStore();
        users.Add("admin", Role.Admin, "correct horse");
        Assert.Null(users.Verify("admin", "wrong horse"));
        Assert.Null(users.Verify("nobody", "correct horse"));
        var account = users.Verify("admin", "correct horse");
        Assert.NotNull(account?.LastSignInAt);
        Assert.Equal(Role.Admin, account!.Role);
    }

    [Fact]
    public void A_changed_role_ends_the_accounts_sessions_and_a_disabled_account_signs_in_no_more()
    {
        var users = NewStore();
        users.Add("admin", Role.Admin, "long enough");
        var curator = users.Add("cura", Role.Curator, "long enough");
        var session = users.StartSession(curator);
        Assert.Equal("cura", users.FindSession(session, TimeSpan.FromHours(1))?.Name);
        Assert.Equal(1, users.SessionCount("CURA"));

        users.SetRole("cura", Role.Viewer);
        Assert.Null(users.FindSession(session, TimeSpan.FromHours(1)));
        Assert.Equal(Role.Viewer, users.Find("cura")!.Role);
        Assert.Equal(2, users.Find("cura")!.Stamp);

        users.SetDisabled("cura", true);
        Assert.True(users.Find("cura")!.Disabled);
        Assert.Null(users.Verify("cura", "long enough"));
    }

    [Fact]
    public void A_removed_and_re_added_name_does_not_inherit_the_old_sessions()
    {
        var users = NewStore();
        users.Add("admin", Role.Admin, "long enough");
        var session = users.StartSession(users.Add("bob", Role.Curator, "long enough"));
        users.Remove("bob");
        Assert.Throws<AccountException>(() => users.Remove("bob"));
        users.Add("bob", Role.Curator, "long enough");
        Assert.Null(users.FindSession(session, TimeSpan.FromHours(1)));
        users.EndSession(session);
        Assert.Equal(["admin", "bob"], users.List().Select(u => u.Name));
    }
}

public sealed class UserStoreOnSqlite(SqliteEngine engine) : UserStoreTests(engine), IClassFixture<SqliteEngine>;

public sealed class UserStoreOnPostgres(PostgresEngine engine) : UserStoreTests(engine), IClassFixture<PostgresEngine>;
