using System.Net;
using BetterHarness.Tools.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Web.Tests.Support;

/// <summary>
/// An HTTP agent (docs/http-agent.md) written by a stranger: every step it answers carries the hostile payloads in the
/// assistant's text and a tool call's name and arguments. Eval runs with the
/// model <c>hostile</c> store exactly that, so the run pages must show it as text. It also answers Chat Completions
/// (<see cref="ChatBaseUrl"/>) with the payloads as the root cause, for the clustering analyst.
/// </summary>
public sealed class HostileAgent : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalChatServer _chat;

    private HostileAgent(WebApplication app, LocalChatServer chat)
    {
        (_app, _chat) = (app, chat);
        Url = app.Urls.First().TrimEnd('/') + "/run";
    }

    public string Url { get; }

    /// <summary>An OpenAI-compatible base URL whose every answer is the payloads (the LLM failure analyst's model).</summary>
    public string ChatBaseUrl => _chat.BaseUrl.ToString();

    public static async Task<HostileAgent> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Port 0: the OS picks one and the server keeps it, so no other host can take it in between.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var text = HostileTrace.AllPayloads;
        // One step per request (docs/http-agent.md): a hostile tool call first, then a hostile answer once the tool replied.
        app.MapPost("/run", async (HttpRequest request) =>
        {
            var body = await System.Text.Json.JsonSerializer.DeserializeAsync<System.Text.Json.Nodes.JsonObject>(request.Body);
            var afterTool = (string?)body?["messages"]?.AsArray().LastOrDefault()?["role"] == "tool";
            object message = afterTool
                ? new { text = "Done " + text }
                : new { text = "Looking up " + text, toolCalls = new[] { new { id = "1", name = "lookup<script>", arguments = System.Text.Json.JsonSerializer.Serialize(new { query = text }) } } };
            return Results.Json(new { message, inputTokens = 10, outputTokens = 5, model = "hostile " + text });
        });
        await app.StartAsync();
        return new HostileAgent(app, await LocalChatServer.StartAsync(text, promptTokens: 100, completionTokens: 40));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _chat.DisposeAsync();
    }
}
