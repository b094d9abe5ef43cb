using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Testing;
using BetterHarness.Web.Accounts;
using Microsoft.Playwright;

namespace BetterHarness.Web.Tests.Support;

/// <summary>
/// A real host (every module, embedded) with accounts — ada (admin), carol (curator), victor (viewer) — created in its
/// users store before it starts, an API key for machines (<see cref="MachineKey"/>, curator, named <c>machine</c>), an
/// agent's ingest key (<see cref="AgentKey"/>) and the replayed tau-bench traces (sent with the agent's key). Out of open mode: every page needs sign-in, every API call a key or a session.
/// </summary>
public sealed class AccountsHost : IAsyncLifetime
{
    public const string Password = "correct horse battery";
    public const string MachineKey = "machine-key-for-tests";
    public const string AgentKey = "agent-ingest-key-for-tests";
    private const int CandidatesNeeded = 5;

    public IngestHost Host { get; private set; } = null!;
    public Browser Browser { get; private set; } = null!;
    public string BaseUrl => $"http://127.0.0.1:{Host.ApiPort}";

    public async Task InitializeAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-accounts-" + Guid.NewGuid().ToString("N"));
        var users = UserStore.Open(dataDir, TimeProvider.System);
        users.Add("ada", Role.Admin, Password);
        users.Add("carol", Role.Curator, Password);
        users.Add("victor", Role.Viewer, Password);
        Host = await IngestHost.StartAsync(dataDir, new()
        {
            ["BetterHarness:Clustering:MinClusters"] = "2",
            ["BetterHarness:Security:ApiKeys:0:Key"] = MachineKey,
            ["BetterHarness:Security:ApiKeys:0:Role"] = "curator",
            ["BetterHarness:Security:ApiKeys:0:Name"] = "machine",
            ["BetterHarness:Security:ApiKeys:1:Key"] = AgentKey,
            ["BetterHarness:Security:ApiKeys:1:Role"] = "ingest",
            ["BetterHarness:Security:ApiKeys:1:Name"] = "airline-agent",
        });
        Host.Api.DefaultRequestHeaders.Add("X-Api-Key", MachineKey);
        Host.Otlp.DefaultRequestHeaders.Add("X-Api-Key", AgentKey);
        var browser = Browser.LaunchAsync();
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "taubench-airline.sample.otlp.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            (await Host.Otlp.PostAsync("/v1/traces", new StringContent(line, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
        // Every test decides on its own candidate; wait until the queue holds one per test.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((await Host.Api.GetFromJsonAsync<JsonObject>("/api/review?status=pending&limit=100"))!["items"]!.AsArray().Count < CandidatesNeeded)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"fewer than {CandidatesNeeded} pending candidates in the review queue after 90 s");
            await Task.Delay(100);
        }
        Browser = await browser;
    }

    private readonly HashSet<string> _claimed = [];

    /// <summary>A pending candidate no other test has taken.</summary>
    public async Task<string> TakePendingCandidateAsync()
    {
        var queue = await Host.Api.GetFromJsonAsync<JsonObject>("/api/review?status=pending&limit=1000");
        lock (_claimed)
        {
            var free = queue!["items"]!.AsArray().Select(i => (string)i!["candidateId"]!).FirstOrDefault(id => !_claimed.Contains(id))
                       ?? throw new InvalidOperationException("the fixture ran out of pending candidates");
            _claimed.Add(free);
            return free;
        }
    }

    public async Task<string> StatusOfAsync(string candidateId) =>
        (string)(await Host.Api.GetFromJsonAsync<JsonObject>("/api/review/" + candidateId))!["status"]!;

    public Task<WatchedPage> OpenPageAsync() => WatchedPage.OpenAsync(Browser, BaseUrl);

    /// <summary>Signs in through the login form and waits until the browser has left it.</summary>
    public static async Task SignInAsync(IPage page, string name, string password = Password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync(".signin-form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>The antiforgery request token the layout hands to htmx (valid for the signed-in person).</summary>
    public static async Task<string> AntiforgeryTokenAsync(IPage page)
    {
        var headers = await page.Locator("body").GetAttributeAsync("hx-headers");
        return (string)JsonNode.Parse(headers!)!["RequestVerificationToken"]!;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AccountsCollection : ICollectionFixture<AccountsHost>
{
    public const string Name = "accounts";
}
