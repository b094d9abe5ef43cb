using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Tools.Load;

/// <summary>
/// An OpenAI-compatible Chat Completions endpoint on a loopback port the OS picks (bound, then read back, so no other
/// host can take it), for the benchmarks and the tests that exercise the real HTTP path of a configured model. Each
/// answer comes from a callback given the request body; a fixed latency and a share of 429 (Retry-After: 0) / 500
/// refusals can be added. It counts what it answered and, when asked to, keeps the request bodies.
/// </summary>
public sealed class LocalChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<JsonObject, ChatReply> _answer;
    private readonly int _latencyMs;
    private readonly double _errorRate;
    private readonly bool _record;
    private readonly List<JsonObject> _requests = [];
    private int _answered, _refused, _inFlight, _maxInFlight;
    private long _promptTokens;

    private LocalChatServer(WebApplication app, Func<JsonObject, ChatReply> answer, int latencyMs, double errorRate, bool record)
    {
        (_app, _answer, _latencyMs, _errorRate, _record) = (app, answer, latencyMs, errorRate, record);
        _app.MapPost("/v1/chat/completions", HandleAsync);
    }

    /// <summary>The base URL a model's <c>BaseUrl</c> takes: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUrl => new(_app.Urls.First().TrimEnd('/') + "/v1");

    /// <summary>Request bodies in arrival order (only when started with <c>record: true</c>).</summary>
    public IReadOnlyList<JsonObject> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public int Answered => Volatile.Read(ref _answered);
    public int Refused => Volatile.Read(ref _refused);
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Prompt tokens reported in the answers' usage.</summary>
    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    /// <param name="answer">The reply to a request body.</param>
    /// <param name="latencyMs">Delay before every answer or refusal.</param>
    /// <param name="errorRate">Share of requests refused, half with 429 (Retry-After: 0), half with 500.</param>
    /// <param name="record">Keep every request body (<see cref="Requests"/>); off for long benchmarks.</param>
    public static async Task<LocalChatServer> StartAsync(
        Func<JsonObject, ChatReply> answer, int latencyMs = 0, double errorRate = 0, bool record = true, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var server = new LocalChatServer(builder.Build(), answer, latencyMs, errorRate, record);
        await server._app.StartAsync(ct);
        return server;
    }

    /// <summary>A server whose every answer is the same text.</summary>
    public static Task<LocalChatServer> StartAsync(string content, int promptTokens = 100, int completionTokens = 20) =>
        StartAsync(_ => new ChatReply(content) { PromptTokens = promptTokens, CompletionTokens = completionTokens });

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while ((seen = _maxInFlight) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
            var raw = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            if (_latencyMs > 0) await Task.Delay(_latencyMs, context.RequestAborted);
            if (_errorRate > 0 && Random.Shared.NextDouble() < _errorRate)
            {
                Interlocked.Increment(ref _refused);
                context.Response.StatusCode = Random.Shared.Next(2) == 0 ? StatusCodes.Status429TooManyRequests : StatusCodes.Status500InternalServerError;
                if (context.Response.StatusCode == StatusCodes.Status429TooManyRequests) context.Response.Headers.RetryAfter = "0";
                return;
            }
            var body = JsonNode.Parse(raw) as JsonObject;
            if (body is null)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            if (_record) lock (_requests) _requests.Add(body);
            var reply = _answer(body);
            var prompt = reply.PromptTokens ?? raw.Length / 4;
            Interlocked.Add(ref _promptTokens, prompt);
            Interlocked.Increment(ref _answered);
            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-local", @object = "chat.completion", created = 1_700_000_000, model = (string?)body["model"] ?? "local",
                choices = new[] { new { index = 0, message = reply.Message(), finish_reason = reply.ToolCalls.Count > 0 ? "tool_calls" : "stop" } },
                usage = new { prompt_tokens = prompt, completion_tokens = reply.CompletionTokens, total_tokens = prompt + reply.CompletionTokens },
            }, context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One answer of <see cref="LocalChatServer"/>: text, or tool calls (name, JSON arguments), and the usage it reports.</summary>
public sealed record ChatReply(string? Content, IReadOnlyList<(string Name, string Arguments)>? Calls = null)
{
    public IReadOnlyList<(string Name, string Arguments)> ToolCalls => Calls ?? [];

    /// <summary>Reported prompt tokens; null: the request body's length / 4.</summary>
    public int? PromptTokens { get; init; }

    public int CompletionTokens { get; init; } = 5;

    internal object Message() => ToolCalls.Count == 0
        ? new { role = "assistant", content = Content }
        : (object)new
        {
            role = "assistant", content = Content,
            tool_calls = ToolCalls.Select(c => new { id = "call_" + Guid.NewGuid().ToString("N")[..8], type = "function", function = new { name = c.Name, arguments = c.Arguments } }).ToArray(),
        };
}
