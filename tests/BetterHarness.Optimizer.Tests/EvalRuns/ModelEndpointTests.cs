using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Optimizer.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.Tests.EvalRuns;

[Collection(EmbedderCollection.Name)]
public sealed class ModelEndpointTests
{
    [Fact]
    public async Task An_openai_compatible_endpoint_runs_the_agent_loop_with_tool_calls_through_429s_and_500s_counting_each_response_once()
    {
        var chat = new FakeChatCompletions();
        await using var server = await FakeServer.StartAsync(chat.Handle);
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.InsuranceTransfers, new()
        {
            ["BetterHarness:Models:fake:Kind"] = "openai",
            ["BetterHarness:Models:fake:BaseUrl"] = server.BaseUrl + "/v1",
            ["BetterHarness:Models:fake:Model"] = "fake-model",
            ["BetterHarness:Models:fake:MaxConcurrency"] = "2",
            ["BetterHarness:Models:fake:CostPer1kInput"] = "1",
            ["BetterHarness:EvalRuns:MaxParallelTrials"] = "4",
        });
        await host.CreateHarnessAsync("Transfer refunds to humans.");
        var run = await host.WaitForRunAsync(await host.StartRunAsync(new { agent = "airline", model = "fake", trials = 2 }));

        Assert.Equal("completed", (string)run["status"]!);
        Assert.False((bool)run["simulated"]!);
        Assert.Equal(1.0, (double)run["passRate"]!);
        Assert.True(chat.Throttled > 0 && chat.Failed > 0, $"the server never failed ({chat.Throttled} 429s, {chat.Failed} 500s)");
        // 4 cases × 2 trials × 2 model steps, each answered once; every answered usage counted once.
        Assert.Equal(16, chat.Answered);
        Assert.Equal(chat.PromptTokens, (long)run["tokens"]!["input"]!);
        Assert.Equal(chat.PromptTokens / 1000.0, (double)run["tokens"]!["cost"]!, 6);
        Assert.True(chat.MaxInFlight <= 2, $"{chat.MaxInFlight} requests in flight with MaxConcurrency 2");
        Assert.Contains("transfer_to_human_agents", chat.FirstRequest);
        Assert.Contains("Transfer refunds to humans.", chat.FirstRequest);
    }

    [Fact]
    public async Task The_http_agent_adapter_runs_an_eval_one_step_per_request_and_grades_what_the_agent_did()
    {
        var requests = new ConcurrentBag<JsonObject>();
        await using var agent = await FakeServer.StartAsync(async context =>
        {
            var body = (await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body))!;
            requests.Add(body);
            var last = body["messages"]!.AsArray()[^1]!;
            // Step 1: ask for a transfer; step 2 (after the tool's answer): reply to the user.
            object message = (string)last["role"]! == "tool"
                ? new { text = "A colleague will take over." }
                : new { text = "", toolCalls = new[] { new { id = "1", name = "transfer_to_human_agents", arguments = """{"summary":"refund"}""" } } };
            await context.Response.WriteAsJsonAsync(new { message, inputTokens = 30, outputTokens = 12 });
        });
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.InsuranceTransfers, new()
        {
            ["BetterHarness:Models:team-agent:Kind"] = "http-agent",
            ["BetterHarness:Models:team-agent:BaseUrl"] = agent.BaseUrl + "/run",
        });
        await host.CreateHarnessAsync("Be kind.");
        var run = await host.WaitForRunAsync(await host.StartRunAsync(new { agent = "airline", model = "team-agent", trials = 1 }));

        Assert.Equal(1.0, (double)run["passRate"]!);
        Assert.Equal(4 * 2 * 42, (long)run["tokens"]!["total"]!);
        Assert.Equal(8, requests.Count);
        var first = requests.First(r => (int)r["step"]! == 1);
        Assert.Equal("Be kind.", (string)first["harness"]!["instructions"]!);
        Assert.Equal(4, first["harness"]!["tools"]!.AsArray().Count);
        Assert.Equal(0, (int)first["trial"]!);
        Assert.StartsWith("conv_", (string)first["conversationId"]!);
        Assert.Equal("user", (string)first["messages"]![0]!["role"]!);
    }

    /// <summary>Speaks the Chat Completions wire format: a tool call first, then a text answer; every 3rd request 429, every 5th 500.</summary>
    private sealed class FakeChatCompletions
    {
        private int _requests, _inFlight, _maxInFlight, _answered, _throttled, _failed;
        private long _promptTokens;
        public string FirstRequest { get; private set; } = "";
        public int Answered => _answered;
        public int Throttled => _throttled;
        public int Failed => _failed;
        public int MaxInFlight => _maxInFlight;
        public long PromptTokens => Interlocked.Read(ref _promptTokens);

        public async Task Handle(HttpContext context)
        {
            var inFlight = Interlocked.Increment(ref _inFlight);
            try
            {
                int seen;
                while ((seen = _maxInFlight) < inFlight && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen) { }
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                var n = Interlocked.Increment(ref _requests);
                if (n == 1) FirstRequest = body;
                await Task.Delay(20);
                if (n % 3 == 0)
                {
                    Interlocked.Increment(ref _throttled);
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = "0";
                    return;
                }
                if (n % 5 == 0)
                {
                    Interlocked.Increment(ref _failed);
                    context.Response.StatusCode = 500;
                    return;
                }
                var messages = JsonNode.Parse(body)!["messages"]!.AsArray();
                var afterTool = (string?)messages[^1]!["role"] == "tool";
                var prompt = body.Length / 10;
                Interlocked.Add(ref _promptTokens, prompt);
                Interlocked.Increment(ref _answered);
                object message = afterTool
                    ? new { role = "assistant", content = "I have transferred you to a human agent." }
                    : new
                    {
                        role = "assistant", content = (string?)null,
                        tool_calls = new[] { new { id = $"call_{n}", type = "function", function = new { name = "transfer_to_human_agents", arguments = "{\"summary\":\"refund\"}" } } },
                    };
                await context.Response.WriteAsJsonAsync(new
                {
                    id = $"chatcmpl-{n}", @object = "chat.completion", created = 1_700_000_000, model = "fake-model",
                    choices = new[] { new { index = 0, message, finish_reason = afterTool ? "stop" : "tool_calls" } },
                    usage = new { prompt_tokens = prompt, completion_tokens = 7, total_tokens = prompt + 7 },
                });
            }
            finally { Interlocked.Decrement(ref _inFlight); }
        }
    }
}
