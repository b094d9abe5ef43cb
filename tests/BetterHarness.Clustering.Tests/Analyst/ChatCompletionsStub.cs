using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Clustering.Tests.Analyst;

/// <summary>
/// A minimal OpenAI Chat Completions endpoint on a loopback port chosen by the OS (bound, then read back, so no other
/// host can take it): records each request body and answers with the given content and token usage.
/// </summary>
public sealed class ChatCompletionsStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatCompletionsStub(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First().TrimEnd('/') + "/v1");

    public List<JsonObject> Requests { get; } = [];

    public static async Task<ChatCompletionsStub> StartAsync(string content)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new ChatCompletionsStub(app);
        app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
            lock (stub.Requests) stub.Requests.Add(body);
            return Results.Json(new
            {
                id = "chatcmpl-analyst", @object = "chat.completion", created = 1_700_000_000, model = (string?)body["model"],
                choices = new[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content } } },
                usage = new { prompt_tokens = 140, completion_tokens = 18, total_tokens = 158 },
            });
        });
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
