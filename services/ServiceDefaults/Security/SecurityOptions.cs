using System.ComponentModel.DataAnnotations;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Roles for machine credentials, section <c>BetterHarness:Security</c>. Keys listed in <c>BetterHarness:ApiKeys</c>
/// get <see cref="DefaultApiKeyRole"/>; keys listed here carry their own role and a name for the audit log.
/// </summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "BetterHarness:Security";

    /// <summary>Role of every key in <c>BetterHarness:ApiKeys</c>. Default <c>admin</c>.</summary>
    public string DefaultApiKeyRole { get; set; } = "admin";

    /// <summary>Named API keys with a role (<c>BetterHarness:Security:ApiKeys:0:Key</c>, <c>…:Role</c>, <c>…:Name</c>). Default none.</summary>
    public List<ApiKeyGrant> ApiKeys { get; set; } = [];

    /// <summary>
    /// Host names (or addresses) requests may name in their <c>Host</c> header besides the loopback ones; anything else
    /// gets 400 (DNS rebinding). Default none: with every listener on loopback only localhost, *.localhost, 127.0.0.0/8
    /// and ::1 are accepted; with a listener on the network nothing is checked until names are listed. <c>*</c>: no check.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>) of reverse proxies whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed (client address for sign-in throttling; https for Secure cookies and HSTS).
    /// Default none: forwarded headers are ignored, from loopback too.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Largest request body of an API call or form post, in bytes. Default 1 MiB (1048576).</summary>
    public long MaxRequestBytes { get; set; } = 1L << 20;

    /// <summary>Largest body of an import (routes that take many lines), in bytes. Default 8 MiB (8388608).</summary>
    public long MaxBulkRequestBytes { get; set; } = 8L << 20;

    /// <summary>Failed sign-ins of one account before each further attempt waits (doubling from 1 s). Default 5.</summary>
    public int SignInFreeFailures { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address (any accounts) before each further attempt waits. Default 20.</summary>
    public int SignInFreeFailuresPerAddress { get; set; } = 20;

    /// <summary>Longest wait between sign-in attempts once throttled. Default 15 minutes.</summary>
    public TimeSpan SignInMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!RoleNames.TryParse(DefaultApiKeyRole, out _))
            yield return new ValidationResult($"BetterHarness:Security:DefaultApiKeyRole '{DefaultApiKeyRole}' must be viewer, curator, admin or ingest.");
        if (MaxRequestBytes is < 1024 or > 1L << 30)
            yield return new ValidationResult($"BetterHarness:Security:MaxRequestBytes {MaxRequestBytes} must be between 1024 and 1073741824.");
        if (MaxBulkRequestBytes < MaxRequestBytes || MaxBulkRequestBytes > 1L << 30)
            yield return new ValidationResult($"BetterHarness:Security:MaxBulkRequestBytes {MaxBulkRequestBytes} must be between MaxRequestBytes and 1073741824.");
        if (SignInFreeFailures is < 1 or > 1000 || SignInFreeFailuresPerAddress is < 1 or > 100_000)
            yield return new ValidationResult("BetterHarness:Security:SignInFreeFailures must be 1..1000 and SignInFreeFailuresPerAddress 1..100000.");
        if (SignInMaxDelay < TimeSpan.FromSeconds(1) || SignInMaxDelay > TimeSpan.FromDays(1))
            yield return new ValidationResult($"BetterHarness:Security:SignInMaxDelay {SignInMaxDelay} must be between 00:00:01 and 1.00:00:00.");
        foreach (var proxy in TrustedProxies)
            if (!TrustedProxyList.TryParse(proxy, out _))
                yield return new ValidationResult($"BetterHarness:Security:TrustedProxies '{proxy}' is not an IP address or a network such as 10.0.0.0/8.");
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ApiKeys[i].Key))
                yield return new ValidationResult($"BetterHarness:Security:ApiKeys:{i}:Key is empty.");
            if (!RoleNames.TryParse(ApiKeys[i].Role, out _))
                yield return new ValidationResult($"BetterHarness:Security:ApiKeys:{i}:Role '{ApiKeys[i].Role}' must be viewer, curator, admin or ingest.");
        }
    }
}

/// <summary>One API key, the role it grants and the name audit entries show (default <c>api-key-N</c>).</summary>
public sealed class ApiKeyGrant
{
    public string Key { get; set; } = "";
    public string Role { get; set; } = "admin";
    public string? Name { get; set; }

    /// <summary>
    /// The person this key belongs to (an account name). Four-eyes rules count the key and that person as one: a run
    /// started with the key cannot be approved by the person, and the other way round. Default none (the key is its own principal).
    /// </summary>
    public string? Owner { get; set; }

    /// <summary>
    /// The web service's key in distributed mode: a request presenting it may name the person it acts for in the
    /// <c>X-BetterHarness-Acting-For</c> header (see <see cref="ActingFor"/>), and the backend then records and
    /// authorises that person instead of the key. Requests with any other key cannot do so. Default false.
    /// </summary>
    public bool ActsForUsers { get; set; }
}
