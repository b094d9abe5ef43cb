using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Host;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace BetterHarness.Integration.Tests;

/// <summary>
/// What a crash test of distributed mode found, fixed by the optimizer's outbox: work started while the broker is down is
/// answered at once and starts when the broker is back (no restart), and a running eval run never waits for the broker.
/// Curation and the optimizer on RabbitMQ through a <see cref="TcpProxy"/>, so "the broker" can go away without touching
/// the shared one.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class BrokerOutageTests(RabbitMqBroker broker)
{
    private const string Agent = "outage-agent";

    [Fact]
    public async Task Eval_run_and_optimisation_started_while_the_broker_is_down_answer_at_once_and_start_when_it_is_back()
    {
        await using var proxy = new TcpProxy(new Uri(broker.Uri));
        proxy.Start();
        await using var host = await OptimizerHost.StartAsync(proxy.Rewrite(broker.Uri));
        await host.SeedAsync(cases: 3);

        proxy.Stop();
        await host.WaitHealthAsync(HttpStatusCode.ServiceUnavailable);
        var clock = Stopwatch.StartNew();
        var run = await host.PostAsync("/api/evalruns", new { agent = Agent, model = "simulated", trials = 2 });
        var optimization = await host.PostAsync("/api/optimizations", new { agent = Agent, model = "simulated", maxIterations = 0, trials = 1 });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"starting took {clock.Elapsed} with the broker down");

        var waiting = await host.EventuallyAsync($"/api/evalruns/{run}", r => r["waitingForBroker"] is JsonObject, "the run says it waits for the broker");
        Assert.Equal("queued", (string?)waiting["status"]);
        Assert.Contains("broker", (string)waiting["waitingForBroker"]!["message"]!);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("queued", (string?)(await host.GetAsync($"/api/optimizations/{optimization}"))["status"]);

        proxy.Start();
        var done = await host.EventuallyAsync($"/api/evalruns/{run}", r => (string?)r["status"] == "completed", "the eval run completes once the broker is back",
            TimeSpan.FromSeconds(120));
        Assert.Equal(6, (int)done["progress"]!["completedTrials"]!);
        await host.EventuallyAsync($"/api/optimizations/{optimization}", r => (string?)r["status"] == "awaiting_review",
            "the optimisation runs once the broker is back", TimeSpan.FromSeconds(120));
        await host.EventuallyAsync($"/api/evalruns/{run}", r => r["waitingForBroker"] is null, "the wait notice clears once the outbox drained");
    }

    [Fact]
    public async Task A_running_eval_run_finishes_its_trials_while_the_broker_is_down_and_says_it_waits_for_it()
    {
        await using var proxy = new TcpProxy(new Uri(broker.Uri));
        proxy.Start();
        await using var host = await OptimizerHost.StartAsync(proxy.Rewrite(broker.Uri), ("BetterHarness:EvalRuns:MaxParallelTrials", "1"));
        await host.SeedAsync(cases: 3);

        var run = await host.PostAsync("/api/evalruns", new { agent = Agent, model = "simulated", trials = 100 });
        await host.EventuallyAsync($"/api/evalruns/{run}", r => (int)r["progress"]!["completedTrials"]! > 0, "the run is under way", TimeSpan.FromSeconds(120));
        proxy.Stop();

        // Progress used to be published on the bus from inside the trial loop: with the broker gone the trials stopped.
        var finished = await host.EventuallyAsync($"/api/evalruns/{run}", r => (string?)r["status"] == "completed",
            "every trial finishes while the broker is down", TimeSpan.FromSeconds(120));
        Assert.Equal(300, (int)finished["progress"]!["completedTrials"]!);
        var notice = await host.EventuallyAsync($"/api/evalruns/{run}", r => r["waitingForBroker"] is JsonObject, "the run says its messages wait for the broker");
        Assert.Contains("results are stored", (string)notice["waitingForBroker"]!["message"]!);

        proxy.Start();
        await host.EventuallyAsync($"/api/evalruns/{run}", r => r["waitingForBroker"] is null, "the held messages go out once the broker is back",
            TimeSpan.FromSeconds(120));
    }

    /// <summary>Curation and the optimizer in one process on the broker behind the proxy; the optimizer reads curation over HTTP.</summary>
    private sealed class OptimizerHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _api;

        private OptimizerHost(WebApplication app, HttpClient api) => (_app, _api) = (app, api);

        public static async Task<OptimizerHost> StartAsync(string rabbitMq, params (string Key, string Value)[] extra)
        {
            var port = IngestHost.FreePort();
            var settings = new Dictionary<string, string?>
            {
                ["BetterHarness:DataDir"] = Path.Combine(Path.GetTempPath(), "bh-outage-" + Guid.NewGuid().ToString("N")),
                ["BetterHarness:Transport"] = "rabbitmq",
                ["BetterHarness:RabbitMq"] = rabbitMq,
                ["BetterHarness:QueuePrefix"] = "o" + Guid.NewGuid().ToString("N")[..8],
                ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{port}",
                ["BetterHarness:Models:simulated:Kind"] = "simulated",
                ["Logging:LogLevel:Default"] = "Critical",
            };
            foreach (var (key, value) in extra) settings[key] = value;
            var modules = ServiceCatalog.All().Where(m => m.Name is "curation" or "optimizer").ToArray();
            var app = ServiceHost.Build([], modules, c => c.AddInMemoryCollection(settings));
            await app.StartAsync();
            var host = new OptimizerHost(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) });
            await host.WaitHealthAsync(HttpStatusCode.OK);
            return host;
        }

        /// <summary>A harness for the agent and <paramref name="cases"/> eval cases imported into curation (a snapshot).</summary>
        public async Task SeedAsync(int cases)
        {
            var harness = await _api.PostAsJsonAsync("/api/harnesses", new
            {
                agent = Agent, instructions = "You are an airline agent. Book what the user asks for.",
                tools = new[] { new { name = "book_flight", description = "Books a flight.", parameters = new { type = "object", properties = new { flight = new { type = "string" } } } } },
            });
            Assert.True(harness.IsSuccessStatusCode, await harness.Content.ReadAsStringAsync());
            var lines = string.Join("\n", Enumerable.Range(0, cases).Select(i => Case(i).ToJsonString()));
            var import = await _api.PostAsync($"/api/evals/import?agent={Agent}", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        }

        public async Task<string> PostAsync(string path, object body)
        {
            using var response = await _api.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {text}");
            return (string)JsonNode.Parse(text)!["id"]!;
        }

        public async Task<JsonObject> GetAsync(string path) => (await _api.GetFromJsonAsync<JsonObject>(path))!;

        public async Task<JsonObject> EventuallyAsync(string path, Func<JsonObject, bool> done, string what, TimeSpan? timeout = null)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
            JsonObject? last = null;
            while (DateTime.UtcNow < deadline)
            {
                last = await GetAsync(path);
                if (done(last)) return last;
                await Task.Delay(250);
            }
            Assert.Fail($"{what}: not within the timeout; last {path}: {last?.ToJsonString()[..Math.Min(600, last.ToJsonString().Length)]}");
            return last!;
        }

        public async Task WaitHealthAsync(HttpStatusCode expected)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                if ((await _api.GetAsync("/health")).StatusCode == expected) return;
                await Task.Delay(250);
            }
            Assert.Fail($"/health did not become {(int)expected} within 60 s");
        }

        public async ValueTask DisposeAsync()
        {
            _api.Dispose();
            try { await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); } catch (Exception) { }
            await _app.DisposeAsync();
        }

        // Different situations (texts far apart), so the split puts cases on both sides.
        private static readonly string[] Requests =
        [
            "My daughter needs to get to her grandmother in Denver before Friday, book her a seat please.",
            "Is there any way to fly to a chess tournament in Oslo next month? Book it if so.",
            "Our team offsite moved to Lisbon; I need a single economy ticket booked for the new date.",
        ];

        private static JsonObject Case(int i) => new()
        {
            ["schema"] = "betterharness.eval-case/v1",
            ["id"] = $"case_outage_{i}",
            ["summary"] = $"books flight HAT00{i}",
            ["input"] = new JsonObject
            {
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Requests[i % Requests.Length] + $" The flight is HAT00{i}." }),
            },
            ["tools"] = new JsonObject { ["definitions"] = new JsonArray("book_flight"), ["recorded"] = new JsonArray(), ["unrecordedResponse"] = "{\"ok\":true}" },
            ["expected"] = new JsonObject
            {
                ["behaviour"] = $"Call book_flight for HAT00{i}.",
                ["toolCalls"] = new JsonArray(new JsonObject { ["name"] = "book_flight", ["arguments"] = new JsonObject { ["flight"] = $"HAT00{i}" } }),
            },
            ["graders"] = new JsonArray(new JsonObject { ["type"] = "tool_called", ["tool"] = "book_flight" }),
            ["tags"] = new JsonArray("tool_selection"),
        };
    }
}
