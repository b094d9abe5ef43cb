using System.Security.Cryptography;
using System.Text;
using BetterHarness.ServiceDefaults.Hosting;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>Every configured API key and the actor it stands for.</summary>
public sealed class ApiKeyRegistry
{
    private readonly (byte[] Key, Actor Actor)[] _keys;

    public ApiKeyRegistry(HostingOptions hosting, SecurityOptions security)
    {
        RoleNames.TryParse(security.DefaultApiKeyRole, out var defaultRole);
        var plain = hosting.ApiKeys.Where(k => k.Length > 0)
            .Select((k, i) => (k, new Actor($"api-key-{i}", defaultRole == 0 ? Role.Admin : defaultRole, ActorKinds.ApiKey)));
        var named = security.ApiKeys.Where(g => g.Key.Length > 0).Select((g, i) =>
            (g.Key, new Actor(g.Name ?? $"api-key-{hosting.ApiKeys.Length + i}", RoleNames.TryParse(g.Role, out var r) ? r : Role.Admin, ActorKinds.ApiKey)));
        _keys = plain.Concat(named).Select(p => (Encoding.UTF8.GetBytes(p.Item1), p.Item2)).ToArray();
    }

    public bool Any => _keys.Length > 0;

    /// <summary>All configured keys (the plain ones and the named ones), for protected-mode checks.</summary>
    public static IReadOnlyCollection<string> AllKeys(HostingOptions hosting, SecurityOptions security) =>
        [.. hosting.ApiKeys.Where(k => k.Length > 0), .. security.ApiKeys.Select(g => g.Key).Where(k => k.Length > 0)];

    public Actor? Find(string presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        Actor? found = null;
        // Compare against every key in fixed time so neither the key nor its position leaks through timing.
        foreach (var (key, actor) in _keys)
            if (CryptographicOperations.FixedTimeEquals(key, bytes)) found ??= actor;
        return found;
    }
}

/// <summary>
/// Something besides API keys that can sign people in (the web UI's accounts). While any source has credentials,
/// the service is not in open mode: requests need a key or a signed-in person.
/// </summary>
public interface ICredentialSource
{
    bool AnyConfigured { get; }
}

/// <summary>
/// Open mode: no API keys and no accounts. Protected mode only allows it while every listener is on loopback,
/// and then every request acts as one local admin.
/// </summary>
public sealed class SecurityMode(ApiKeyRegistry keys, IEnumerable<ICredentialSource> sources)
{
    public bool Open => !keys.Any && !sources.Any(s => s.AnyConfigured);
}
