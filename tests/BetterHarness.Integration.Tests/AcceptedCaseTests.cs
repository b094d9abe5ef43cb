using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;
using Google.Protobuf;

namespace BetterHarness.Integration.Tests;

/// <summary>
/// Two findings of the distributed crash test, end to end through the web gateway with ingest, mining, curation and web
/// as `bh run` processes on RabbitMQ: an accept that committed while its answer was lost (the curator saw a 502) answers
/// the retry as the first one would have, and feedback on the trace of an accepted case proposes a revision of that case,
/// not a second case.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class AcceptedCaseTests(RabbitMqBroker broker)
{
    private const string Agent = "retry-agent";

    [Fact]
    public async Task An_accept_whose_answer_was_lost_answers_the_retry_the_same_and_feedback_after_it_revises_the_case()
    {
        await using var loop = await Loop.StartAsync(broker.Uri);
        var door = loop.Door;
        var traceId = await loop.SendConversationAsync();
        await loop.FeedbackAsync(traceId, "Book the 9am flight, not the evening one.");
        var first = await Eventually(async () => await PendingFor(door, traceId), "the corrected trace reaches the review queue");
        var candidateId = (string)first["candidateId"]!;

        // The bulk accept commits in curation, but its answer is cut on the way back: the curator sees the gateway's 502.
        var request = new { action = "accept", candidateIds = new[] { candidateId } };
        loop.Curation.CutTheAnswerTo("POST /api/review/bulk ");
        await Assert502NamingCuration(door, "/api/review/bulk", request);
        Assert.Equal(1, loop.Curation.Cut);

        // The retry answers with what the lost answer said, as often as it is sent, and changes nothing.
        var retried = await PostOk(door, "/api/review/bulk", request);
        Assert.Equal(retried.ToJsonString(), (await PostOk(door, "/api/review/bulk", request)).ToJsonString());
        var outcome = Assert.Single(retried["accepted"]!.AsArray())!;
        Assert.Equal("accepted", (string)outcome["status"]!);
        Assert.Equal(1, (int)outcome["revision"]!);
        var caseId = (string)outcome["caseId"]!;
        Assert.Single(retried["snapshots"]!.AsArray());
        Assert.Single((await door.GetFromJsonAsync<JsonObject>($"/api/evals/snapshots?agent={Agent}"))!["snapshots"]!.AsArray());
        Assert.Equal(caseId, (string)(await PostOk(door, $"/api/review/{candidateId}/accept", new { }))["caseId"]!);
        using (var reject = await door.PostAsJsonAsync($"/api/review/{candidateId}/reject", new { reason = "second thoughts" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);
            Assert.Contains($"already accepted by local-admin as case {caseId}", await reject.Content.ReadAsStringAsync());
        }
        var split = (string)(await door.GetFromJsonAsync<JsonObject>($"/api/evals/{caseId}"))!["split"]!;

        // More feedback after the accept: the trace's newer revision is a revision of the case, not a second case.
        await loop.FeedbackAsync(traceId, "And keep my aisle seat.");
        var revision = await Eventually(async () => await PendingFor(door, traceId) is { } item && (string?)item["revisesCaseId"] == caseId ? item : null,
            "the newer revision is queued as a revision of the accepted case");
        var revisionId = (string)revision["candidateId"]!;
        Assert.NotEqual(candidateId, revisionId);
        Assert.Contains($"revision of {caseId}", await (await door.GetAsync($"/review?id={revisionId}")).Content.ReadAsStringAsync());

        // A single accept whose answer is lost: the retry gets revision 2, not a third revision.
        loop.Curation.CutTheAnswerTo($"POST /api/review/{revisionId}/accept ");
        await Assert502NamingCuration(door, $"/api/review/{revisionId}/accept", new { });
        var revised = await PostOk(door, $"/api/review/{revisionId}/accept", new { });
        Assert.Equal(caseId, (string)revised["caseId"]!);
        Assert.Equal(2, (int)revised["revision"]!);
        var only = Assert.Single((await door.GetFromJsonAsync<JsonObject>($"/api/evals?agent={Agent}"))!["cases"]!.AsArray())!;
        Assert.Equal(caseId, (string)only["id"]!);
        Assert.Equal(2, (int)only["revision"]!);
        Assert.Equal("active", (string)only["status"]!);
        Assert.Equal(split, (string)only["split"]!);
        Assert.Equal(2, (await door.GetFromJsonAsync<JsonObject>($"/api/evals/{caseId}/history"))!["revisions"]!.AsArray().Count);
    }

    private static async Task Assert502NamingCuration(HttpClient door, string path, object body)
    {
        using var response = await door.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadGateway, $"{path}: expected the gateway's 502, got {(int)response.StatusCode} {text}");
        Assert.Equal("curation", (string?)JsonNode.Parse(text)!["service"]);
    }

    private static async Task<JsonObject?> PendingFor(HttpClient door, string traceId)
    {
        var items = (await door.GetFromJsonAsync<JsonObject>($"/api/review?agent={Agent}&status=pending"))!["items"]!.AsArray();
        foreach (var item in items)
        {
            var detail = (await door.GetFromJsonAsync<JsonObject>($"/api/review/{item!["candidateId"]}"))!;
            if (detail["candidate"]?["provenance"]?["sources"]?.AsArray().Any(s => (string?)s!["traceId"] == traceId) == true) return detail;
        }
        return null;
    }

    private static async Task<JsonObject> PostOk(HttpClient door, string path, object body)
    {
        using var response = await door.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting until {what}");
            await Task.Delay(250);
        }
    }

    /// <summary>Ingest, mining, curation and web as processes on the broker, the web service as the front door.</summary>
    private sealed class Loop : IAsyncDisposable
    {
        private readonly List<BhProcess> _processes = [];
        private HttpClient _otlp = null!;

        public HttpClient Door { get; private set; } = null!;

        /// <summary>Between the web gateway and curation: cuts the answer to a chosen request.</summary>
        public AnswerCuttingProxy Curation { get; private set; } = null!;

        public static async Task<Loop> StartAsync(string rabbitMq)
        {
            var loop = new Loop();
            var dataDir = Path.Combine(Path.GetTempPath(), "bh-accept-" + Guid.NewGuid().ToString("N"));
            int ingestApi = IngestHost.FreePort(), grpc = IngestHost.FreePort(), http = IngestHost.FreePort();
            int miningApi = IngestHost.FreePort(), curationApi = IngestHost.FreePort(), webApi = IngestHost.FreePort();
            static string Url(int port) => $"http://127.0.0.1:{port}";
            var env = new Dictionary<string, string> { ["BetterHarness__QueuePrefix"] = "acc" + Guid.NewGuid().ToString("N")[..8] };
            string[] Run(string service, int api, params string[] extra) =>
                ["run", service, "--rabbitmq", rabbitMq, "--data-dir", dataDir, "--api", $"127.0.0.1:{api}", "--quiet-window", "00:00:00.300", .. extra];
            loop._processes.Add(BhProcess.Start(env, Run("ingest", ingestApi, "--otlp-grpc", $"127.0.0.1:{grpc}", "--otlp-http", $"127.0.0.1:{http}")));
            loop._processes.Add(BhProcess.Start(new Dictionary<string, string>(env) { ["BetterHarness__Mining__IngestUrl"] = Url(ingestApi) },
                Run("mining", miningApi)));
            loop._processes.Add(BhProcess.Start(env, Run("curation", curationApi)));
            loop.Curation = new AnswerCuttingProxy(curationApi);
            var web = new Dictionary<string, string>(env)
            {
                ["BetterHarness__Web__Services__ingest"] = Url(ingestApi), ["BetterHarness__Web__Services__mining"] = Url(miningApi),
                ["BetterHarness__Web__Services__curation"] = Url(loop.Curation.Port),
                // Not needed here: the web service wants every backend named, these two are simply not running.
                ["BetterHarness__Web__Services__clustering"] = Url(IngestHost.FreePort()), ["BetterHarness__Web__Services__optimizer"] = Url(IngestHost.FreePort()),
            };
            loop._processes.Add(BhProcess.Start(web, Run("web", webApi)));
            await Task.WhenAll(loop._processes.Zip([ingestApi, miningApi, curationApi, webApi], (p, port) => p.WaitHealthyAsync(port)));
            loop.Door = new HttpClient { BaseAddress = new Uri(Url(webApi)), Timeout = TimeSpan.FromSeconds(60) };
            loop._otlp = new HttpClient { BaseAddress = new Uri(Url(http)) };
            return loop;
        }

        /// <summary>A completed chat in which the agent books the wrong flight; returns its trace id once ingest has it.</summary>
        public async Task<string> SendConversationAsync()
        {
            var traceId = TestRequests.NewTraceId();
            var root = TestRequests.NewSpanId();
            static string Messages(string role, string text) => JsonSerializer.Serialize(new[] { new { role, parts = new[] { new { type = "text", content = text } } } });
            var request = TestRequests.Request(
                TestRequests.Span(traceId, root, null, "invoke_agent " + Agent, ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.agent.name", Agent)),
                TestRequests.Span(traceId, TestRequests.NewSpanId(), root, "chat", ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "m"),
                    ("gen_ai.input.messages", Messages("user", "Book me on the Boston to Denver flight tomorrow morning.")),
                    ("gen_ai.output.messages", Messages("assistant", "Done: you are on the 7pm flight to Denver tomorrow."))));
            using var content = new ByteArrayContent(request.ToByteArray());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
            (await _otlp.PostAsync("/v1/traces", content)).EnsureSuccessStatusCode();
            var id = Convert.ToHexStringLower(traceId);
            await Eventually(async () =>
            {
                using var response = await Door.GetAsync($"/api/traces/{id}");
                return response.IsSuccessStatusCode && (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["state"] == "completed" ? id : null;
            }, "ingest completes the trace");
            return id;
        }

        public async Task FeedbackAsync(string traceId, string correction)
        {
            using var response = await _otlp.PostAsJsonAsync("/v1/feedback", new { traceId, score = 0.0, label = "thumbs_down", correction });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var p in _processes) await p.KillAsync();
            foreach (var p in _processes) p.Dispose();
            Door?.Dispose();
            if (Curation is not null) await Curation.DisposeAsync();
            _otlp?.Dispose();
        }
    }
}
