using System.Net.Http.Json;
using System.Text.Json;
using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Tests.Service;
using BetterHarness.Tools.Load;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Tests.Analyst;

public sealed class AnalystHostTests
{
    [Fact]
    public async Task Is_off_by_default_no_model_client_no_worker_no_statement()
    {
        await using var host = await ClusteringTestHost.StartAsync();
        var failure = Digests.Failure("card declined");
        await host.SendAsync(failure);

        Assert.Null(host.Services.GetService<FailureAnalyst>());
        Assert.Null(host.Services.GetService<AnalystChat>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is FailureAnalystWorker);
        using var http = host.Client();
        var status = await http.GetFromJsonAsync<JsonElement>("/api/clusters/analyst");
        Assert.False(status.GetProperty("enabled").GetBoolean());
        var one = await http.GetFromJsonAsync<JsonElement>($"/api/clusters/assignments/{failure.TraceId}");
        Assert.Equal(JsonValueKind.Null, one.GetProperty("analysis").ValueKind);
    }

    [Theory]
    [InlineData("simulated", "is Kind=simulated; the failure analyst needs a Kind=openai model")]
    [InlineData(null, "BetterHarness:Models:judge is not configured")]
    public async Task Refuses_to_start_with_a_model_that_is_not_an_openai_chat_model(string? kind, string expected)
    {
        var settings = new Dictionary<string, string?> { ["BetterHarness:Clustering:Analyst:Model"] = "judge" };
        if (kind is not null) settings["BetterHarness:Models:judge:Kind"] = kind;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ClusteringTestHost.StartAsync(settings));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Refuses_to_start_with_a_day_budget_smaller_than_one_call()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ClusteringTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["BetterHarness:Clustering:Analyst:Model"] = "judge",
            ["BetterHarness:Clustering:Analyst:MaxTokensPerDay"] = "100",
            ["BetterHarness:Models:judge:Kind"] = "openai",
            ["BetterHarness:Models:judge:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["BetterHarness:Models:judge:Model"] = "mini",
        }));

        Assert.Contains("MaxTokensPerDay is 100, less than one call can cost", error.Message);
    }

    [Fact]
    public async Task Configured_openai_model_is_asked_over_http_and_its_statement_is_served_with_the_model_name()
    {
        await using var stub = await LocalChatServer.StartAsync("The agent charged a declined card twice instead of asking for another.", promptTokens: 140, completionTokens: 18);
        await using var host = await ClusteringTestHost.StartAsync(new()
        {
            ["BetterHarness:Models:local-mini:Kind"] = "openai",
            ["BetterHarness:Models:local-mini:BaseUrl"] = stub.BaseUrl.ToString(),
            ["BetterHarness:Models:local-mini:Model"] = "tiny-model",
            ["BetterHarness:Models:local-mini:MaxRetries"] = "1",
            ["BetterHarness:Clustering:Analyst:Model"] = "local-mini",
            ["BetterHarness:Clustering:Analyst:PollInterval"] = "00:00:00.100",
        });
        var failures = Enumerable.Range(0, 3).Select(i => Digests.Failure($"card {i} declined", tool: "charge_card")).ToArray();
        await host.SendAsync(failures);
        using var http = host.Client();

        var analysis = await PollAsync(async () =>
        {
            var one = await http.GetFromJsonAsync<JsonElement>($"/api/clusters/assignments/{failures[0].TraceId}");
            return one.GetProperty("analysis") is { ValueKind: JsonValueKind.Object } a ? a : (JsonElement?)null;
        });

        Assert.Equal("The agent charged a declined card twice instead of asking for another.", analysis.GetProperty("statement").GetString());
        Assert.Equal("local-mini", analysis.GetProperty("model").GetString());
        var request = Assert.Single(stub.Requests);
        Assert.Equal("tiny-model", (string?)request["model"]);
        Assert.Equal(60, (int?)(request["max_completion_tokens"] ?? request["max_tokens"]));
        Assert.Contains("charge_card", request["messages"]![1]!["content"]!.ToString());
        var status = await http.GetFromJsonAsync<JsonElement>("/api/clusters/analyst");
        Assert.Equal((1, 158), (status.GetProperty("calls").GetInt32(), status.GetProperty("tokensToday").GetInt32()));
        Assert.Equal(3, status.GetProperty("analysedFailures").GetInt32());

        await host.Engine.ReclusterAsync(null, false, default);
        var cluster = host.Services.GetRequiredService<Storage.FailureStore>().Find(failures[0].TraceId)!.Value.ClusterId;
        var detail = await http.GetFromJsonAsync<JsonElement>($"/api/clusters/{cluster}");
        Assert.All(detail.GetProperty("members").EnumerateArray(), m =>
            Assert.Equal("local-mini", m.GetProperty("analysis").GetProperty("model").GetString()));
    }

    private static async Task<JsonElement> PollAsync(Func<Task<JsonElement?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "the analyst's statement did not appear within 30 s");
            await Task.Delay(50);
        }
    }
}
