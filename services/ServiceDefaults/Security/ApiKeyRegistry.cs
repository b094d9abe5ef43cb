using System.Security.Cryptography;
using System.Text;
using BetterHarness.ServiceDefaults.Hosting;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>Every configured API key and the actor it stands for, plus this process's own in-process key.</summary>
public sealed class ApiKeyRegistry
{
    private readonly ApiKeyHolder[] _holders;
    private readonly byte[][] _keys;

    public ApiKeyRegistry(HostingOptions hosting, SecurityOptions security)
    {
        RoleNames.TryParse(security.DefaultApiKeyRole, out var defaultRole);
        var plain = hosting.ApiKeys.Where(k => k.Length > 0)
            .Select((k, i) => (Key: k, Holder: new ApiKeyHolder(new Actor($"api-key-{i}", defaultRole == 0 ? Role.Admin : defaultRole, ActorKinds.ApiKey), false)));
        var named = security.ApiKeys.Where(g => g.Key.Length > 0).Select((g, i) => (Key: g.Key, Holder: new ApiKeyHolder(
            new Actor(g.Name ?? $"api-key-{hosting.ApiKeys.Length + i}", RoleNames.TryParse(g.Role, out var r) ? r : Role.Admin, ActorKinds.ApiKey,
                string.IsNullOrWhiteSpace(g.Owner) ? null : g.Owner.Trim()),
            g.ActsForUsers)));
        var configured = plain.Concat(named).ToList();
        Any = configured.Count > 0;
        DelegatingKey = security.ApiKeys.FirstOrDefault(g => g.ActsForUsers && g.Key.Length > 0)?.Key;
        FirstKey = configured.Select(c => c.Key).FirstOrDefault();
        // The web UI calls the APIs hosted in its own process over loopback HTTP; this key (random, never written
        // anywhere, valid only in this process) lets it act for the signed-in person there without any configuration.
        InProcessKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var all = configured.Append((Key: InProcessKey, Holder: new ApiKeyHolder(new Actor("web", Role.Admin, ActorKinds.ApiKey), true))).ToList();
        _keys = all.Select(p => Encoding.UTF8.GetBytes(p.Key)).ToArray();
        _holders = all.Select(p => p.Holder).ToArray();
    }

    /// <summary>True when any key is configured (the in-process key does not count: it never leaves the process).</summary>
    public bool Any { get; }

    /// <summary>The first configured key that may act for users (<see cref="ApiKeyGrant.ActsForUsers"/>), or null.</summary>
    public string? DelegatingKey { get; }

    /// <summary>The first configured key of any kind, or null.</summary>
    public string? FirstKey { get; }

    /// <summary>A random key valid only in this process, allowed to act for users.</summary>
    public string InProcessKey { get; }

    /// <summary>All configured keys (the plain ones and the named ones), for protected-mode checks.</summary>
    public static IReadOnlyCollection<string> AllKeys(HostingOptions hosting, SecurityOptions security) =>
        [.. hosting.ApiKeys.Where(k => k.Length > 0), .. security.ApiKeys.Select(g => g.Key).Where(k => k.Length > 0)];

    public ApiKeyHolder? Find(string presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        ApiKeyHolder? found = null;
        // Compare against every key in fixed time so neither the key nor its position leaks through timing.
        for (var i = 0; i < _keys.Length; i++)
            if (CryptographicOperations.FixedTimeEquals(_keys[i], bytes)) found ??= _holders[i];
        return found;
    }
}

/// <summary>Who a key stands for, and whether requests with it may act for a person (<see cref="ActingFor"/>).</summary>
public sealed record ApiKeyHolder(Actor Actor, bool ActsForUsers);

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
