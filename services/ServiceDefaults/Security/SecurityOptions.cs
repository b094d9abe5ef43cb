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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!RoleNames.TryParse(DefaultApiKeyRole, out _))
            yield return new ValidationResult($"BetterHarness:Security:DefaultApiKeyRole '{DefaultApiKeyRole}' must be viewer, curator or admin.");
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ApiKeys[i].Key))
                yield return new ValidationResult($"BetterHarness:Security:ApiKeys:{i}:Key is empty.");
            if (!RoleNames.TryParse(ApiKeys[i].Role, out _))
                yield return new ValidationResult($"BetterHarness:Security:ApiKeys:{i}:Role '{ApiKeys[i].Role}' must be viewer, curator or admin.");
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
    /// The web service's key in distributed mode: a request presenting it may name the person it acts for in the
    /// <c>X-BetterHarness-Acting-For</c> header (see <see cref="ActingFor"/>), and the backend then records and
    /// authorises that person instead of the key. Requests with any other key cannot do so. Default false.
    /// </summary>
    public bool ActsForUsers { get; set; }
}
