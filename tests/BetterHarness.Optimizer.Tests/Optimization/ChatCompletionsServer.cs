using System.Text.Json.Nodes;
using BetterHarness.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Optimizer.Tests.Optimization;

/// <summary>
/// A local server speaking the OpenAI Chat Completions wire format on a free loopback port: it records each
/// request body and answers with the assistant content the test gives.
/// </summary>
internal sealed class ChatCompletionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatCompletionsServer(WebApplication app, int port)
    {
        _app = app;
        Endpoint = new Uri($"http://127.0.0.1:{port}/v1");
    }

    public Uri Endpoint { get; }

    public List<JsonObject> Requests { get; } = [];

    public static async Task<ChatCompletionsServer> StartAsync(Func<JsonObject, string> answer)
    {
        var port = IngestHost.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        ChatCompletionsServer server = null!;
        app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
            lock (server.Requests) server.Requests.Add(body);
            return Results.Json(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = (string?)body["model"],
                choices = new[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content = answer(body) } } },
                usage = new { prompt_tokens = 1200, completion_tokens = 80, total_tokens = 1280 },
            });
        });
        server = new ChatCompletionsServer(app, port);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
