using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Web.Tests.Support;

/// <summary>
/// An HTTP agent (docs/http-agent.md) written by a stranger: every transcript it returns carries the hostile
/// payloads in the assistant's text, a tool call's name and arguments and the tool's answer. Eval runs with the
/// model <c>hostile</c> store exactly that, so the run pages must show it as text. It also answers Chat Completions
/// (<see cref="ChatBaseUrl"/>) with the payloads as the root cause, for the clustering analyst.
/// </summary>
public sealed class HostileAgent : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostileAgent(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/run";
    }

    public string Url { get; }

    /// <summary>An OpenAI-compatible base URL whose every answer is the payloads (the LLM failure analyst's model).</summary>
    public string ChatBaseUrl => Url[..^"/run".Length] + "/v1";

    public static async Task<HostileAgent> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = BetterHarness.Testing.IngestHost.FreePort();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var text = HostileTrace.AllPayloads;
        app.MapPost("/run", () => Results.Json(new
        {
            messages = new object[]
            {
                new { role = "assistant", text = "Looking up " + text, toolCalls = new[] { new { id = "1", name = "lookup<script>", arguments = System.Text.Json.JsonSerializer.Serialize(new { query = text }) } } },
                new { role = "tool", text = text, toolCallId = "1", toolName = "lookup<script>", recorded = false },
                new { role = "assistant", text = "Done " + text },
            },
            inputTokens = 10, outputTokens = 5, model = "hostile " + text,
        }));
        app.MapPost("/v1/chat/completions", () => Results.Json(new
        {
            id = "chatcmpl-hostile", @object = "chat.completion", created = 1_700_000_000, model = "hostile",
            choices = new[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content = text } } },
            usage = new { prompt_tokens = 100, completion_tokens = 40, total_tokens = 140 },
        }));
        await app.StartAsync();
        return new HostileAgent(app, port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
