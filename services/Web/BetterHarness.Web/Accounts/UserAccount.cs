using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Web.Accounts;

/// <summary>A person who signs in to the web UI. <see cref="Stamp"/> changes with the role, password or disabled flag.</summary>
public sealed record UserAccount(string Name, Role Role, bool Disabled, long Stamp, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

/// <summary>A request to the users store that cannot be done (unknown name, duplicate, weak password …); the message says what to do.</summary>
public sealed class AccountException(string message) : Exception(message);
