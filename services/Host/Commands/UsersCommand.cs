using System.CommandLine;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using Microsoft.Extensions.Configuration;
using BetterHarness.Web.Accounts;
using Spectre.Console;

namespace BetterHarness.Host.Commands;

/// <summary>
/// <c>bh users add|list|set-role|set-password|disable|enable|remove</c>: the web UI's accounts, written straight into
/// the web service's users store (<c>web.db</c> under the data dir) — it works before the first start and while the
/// service runs (a running instance notices new accounts within two seconds, changed ones at the next request).
/// With <c>BetterHarness__Storage__Provider=postgres</c> (and its connection string) in the environment, as the service
/// has them, it writes the web service's PostgreSQL schema instead.
/// </summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "The web service's data dir (default $BetterHarness__DataDir, else ./data)." };
        var name = new Argument<string>("name") { Description = "Account name (letters, digits, . _ - @)." };
        var role = new Option<string>("--role") { Description = "viewer, curator or admin.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of stdin (for scripts)." };

        var add = new Command("add", "Create an account (the first one must be an admin). Prompts for the password.") { name, role, passwordStdin, dataDir };
        add.SetAction(r => Run(r, dataDir, users =>
        {
            var account = users.Add(r.GetValue(name)!, ParseRole(r.GetValue(role)), ReadPassword(r.GetValue(passwordStdin)));
            AnsiConsole.MarkupLine($"created [bold]{Markup.Escape(account.Name)}[/] ({account.Role.Name()}); the web UI now requires sign-in at /login");
        }));

        var list = new Command("list", "List the accounts.") { dataDir };
        list.SetAction(r => Run(r, dataDir, users =>
        {
            var table = new Table().AddColumns("name", "role", "status", "created", "last sign-in");
            foreach (var u in users.List())
                table.AddRow(Markup.Escape(u.Name), u.Role.Name(), u.Disabled ? "[red]disabled[/]" : "active",
                    u.CreatedAt.ToString("yyyy-MM-dd HH:mm"), u.LastSignInAt?.ToString("yyyy-MM-dd HH:mm") ?? "never");
            if (table.Rows.Count == 0) AnsiConsole.WriteLine("no accounts (open mode: loopback only, everyone is the local admin)");
            else AnsiConsole.Write(table);
        }));

        var newRole = new Argument<string>("role") { Description = "viewer, curator or admin." };
        var setRole = new Command("set-role", "Change an account's role (its sessions end).") { name, newRole, dataDir };
        setRole.SetAction(r => Run(r, dataDir, users => users.SetRole(r.GetValue(name)!, ParseRole(r.GetValue(newRole))), "role changed"));

        var setPassword = new Command("set-password", "Set a new password (its sessions end).") { name, passwordStdin, dataDir };
        setPassword.SetAction(r => Run(r, dataDir, users => users.SetPassword(r.GetValue(name)!, ReadPassword(r.GetValue(passwordStdin))), "password changed"));

        var disable = new Command("disable", "Stop an account from signing in (its sessions end); keeps it for the audit trail.") { name, dataDir };
        disable.SetAction(r => Run(r, dataDir, users => users.SetDisabled(r.GetValue(name)!, true), "disabled"));
        var enable = new Command("enable", "Let a disabled account sign in again.") { name, dataDir };
        enable.SetAction(r => Run(r, dataDir, users => users.SetDisabled(r.GetValue(name)!, false), "enabled"));
        var remove = new Command("remove", "Delete an account (its sessions end; audit entries keep its name).") { name, dataDir };
        remove.SetAction(r => Run(r, dataDir, users => users.Remove(r.GetValue(name)!), "removed"));

        return new Command("users", "Accounts for people signing in to the web UI (machines use API keys).")
            { add, list, setRole, setPassword, disable, enable, remove };
    }

    private static int Run(ParseResult result, Option<string?> dataDir, Action<UserStore> action, string? done = null)
    {
        try
        {
            var dir = result.GetValue(dataDir) ?? Environment.GetEnvironmentVariable("BetterHarness__DataDir") ?? "data";
            action(UserStore.Open(new Databases(StorageFromEnvironment(), dir), TimeProvider.System));
            if (done is not null) AnsiConsole.WriteLine(done);
            return 0;
        }
        catch (Exception ex) when (ex is AccountException or InvalidOperationException)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
    }

    /// <summary>The storage settings the web service reads from <c>BetterHarness__Storage__…</c>, checked as it checks them.</summary>
    private static StorageOptions StorageFromEnvironment()
    {
        var storage = new ConfigurationBuilder().AddEnvironmentVariables().Build()
            .GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var check = new StorageOptionsValidation().Validate(null, storage);
        return check.Failed ? throw new AccountException(check.FailureMessage) : storage;
    }

    private static Role ParseRole(string? value) => RoleNames.TryParse(value, out var role) && role != Role.Ingest
        ? role : throw new AccountException($"'{value}' is not a role: use viewer, curator or admin.");

    /// <summary>From stdin's first line when asked (or when stdin is not a terminal), else prompted twice without echo.</summary>
    private static string ReadPassword(bool fromStdin)
    {
        if (fromStdin || Console.IsInputRedirected)
            return Console.In.ReadLine()?.TrimEnd('\r', '\n') ?? throw new AccountException("No password on stdin: pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | bh users add NAME --role admin --password-stdin");
        var password = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
        if (AnsiConsole.Prompt(new TextPrompt<string>("Again:").Secret()) != password)
            throw new AccountException("The two passwords differ; nothing was changed.");
        return password;
    }
}
