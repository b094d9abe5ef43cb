using System.Net;
using System.Text.RegularExpressions;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Testing;
using BetterHarness.Web.Accounts;

namespace BetterHarness.Web.Tests.Security;

/// <summary>
/// A real host (every module, embedded, real sockets) out of open mode, set up the way the security probe found it:
/// accounts ada (admin), carol and cora (curators), victor (viewer); keys for a curator machine owned by carol, a
/// viewer and an agent (ingest). No traces: these tests are about who may do what.
/// </summary>
public sealed partial class SecureHost : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    public const string CarolKey = "carol-ci-key-for-tests";
    public const string ViewerKey = "viewer-key-for-tests";
    public const string AgentKey = "agent-key-for-tests";

    public IngestHost Host { get; private set; } = null!;
    public UserStore Users { get; private set; } = null!;
    public Uri BaseUrl => new($"http://127.0.0.1:{Host.ApiPort}");

    public async Task InitializeAsync() => (Host, Users) = await StartAsync();

    public static async Task<(IngestHost Host, UserStore Users)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-secure-" + Guid.NewGuid().ToString("N"));
        var users = UserStore.Open(dataDir, TimeProvider.System);
        users.Add("ada", Role.Admin, Password);
        users.Add("carol", Role.Curator, Password);
        users.Add("cora", Role.Curator, Password);
        users.Add("victor", Role.Viewer, Password);
        var config = new Dictionary<string, string?>
        {
            ["BetterHarness:Security:ApiKeys:0:Key"] = CarolKey, ["BetterHarness:Security:ApiKeys:0:Role"] = "curator",
            ["BetterHarness:Security:ApiKeys:0:Name"] = "carol-ci", ["BetterHarness:Security:ApiKeys:0:Owner"] = "carol",
            ["BetterHarness:Security:ApiKeys:1:Key"] = ViewerKey, ["BetterHarness:Security:ApiKeys:1:Role"] = "viewer",
            ["BetterHarness:Security:ApiKeys:1:Name"] = "dashboard",
            ["BetterHarness:Security:ApiKeys:2:Key"] = AgentKey, ["BetterHarness:Security:ApiKeys:2:Role"] = "ingest",
            ["BetterHarness:Security:ApiKeys:2:Name"] = "airline-agent",
        };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        var host = await IngestHost.StartAsync(dataDir, config);
        // The host's own store object: the same file, so changes made through it are what `bh users` would do.
        return (host, (UserStore)host.Services.GetService(typeof(UserStore))!);
    }

    public HttpClient Key(string key, int? port = null)
    {
        var http = new HttpClient { BaseAddress = port is { } p ? new Uri($"http://127.0.0.1:{p}") : BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    public Task<Session> SignInAsync(string name) => Session.SignInAsync(BaseUrl, name, Password);

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

/// <summary>A browser-like client: cookies, the login form with its antiforgery token, and the token pages hand out for writes.</summary>
public sealed partial class Session : IDisposable
{
    private Session(HttpClient http, CookieContainer cookies, HttpResponseMessage signIn)
    {
        Http = http;
        Cookies = cookies;
        SignInResponse = signIn;
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }
    public HttpResponseMessage SignInResponse { get; }

    /// <summary>The session cookie's value, as an attacker who copied it would hold it.</summary>
    public string? Cookie(Uri baseUrl) => Cookies.GetCookies(baseUrl)["bh_session"]?.Value;

    public static async Task<Session> SignInAsync(Uri baseUrl, string name, string password, Action<HttpRequestMessage>? decorate = null)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        var response = await PostLoginAsync(http, name, password, decorate);
        return new Session(http, cookies, response);
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string name, string password, Action<HttpRequestMessage>? decorate = null)
    {
        var token = await TokenAsync(http, "/login");
        var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = name, ["password"] = password, ["__RequestVerificationToken"] = token,
            }),
        };
        decorate?.Invoke(request);
        return await http.SendAsync(request);
    }

    /// <summary>The antiforgery token a page hands out (its hidden form field or the layout's htmx header).</summary>
    public static async Task<string> TokenAsync(HttpClient http, string page)
    {
        var html = await http.GetStringAsync(page);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["token"].Value)
            : throw new InvalidOperationException($"{page} has no antiforgery token");
    }

    /// <summary>A client holding only a copied session cookie (no other state of the browser it came from).</summary>
    public static HttpClient WithCookie(Uri baseUrl, string cookie)
    {
        var cookies = new CookieContainer();
        cookies.Add(baseUrl, new Cookie("bh_session", cookie));
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("(?:name=\"__RequestVerificationToken\"[^>]*value=\"|RequestVerificationToken&quot;:&quot;|\"RequestVerificationToken\":\\s*\")(?<token>[^\"&]+)")]
    private static partial Regex TokenPattern();
}

[CollectionDefinition(Name)]
public sealed class SecureCollection : ICollectionFixture<SecureHost>
{
    public const string Name = "secure";
}
