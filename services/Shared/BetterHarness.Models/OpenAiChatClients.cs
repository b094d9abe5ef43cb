using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;

namespace BetterHarness.Models;

/// <summary>
/// The chat client of a Kind=openai model: any OpenAI-compatible Chat Completions endpoint through Microsoft.Extensions.AI.
/// Retries with backoff honouring Retry-After come from the model's named HttpClient (<see cref="ModelRegistration"/>);
/// the OpenAI SDK's own retries are off so every request is counted once. One concurrency gate per endpoint, shared by
/// every model name on it.
/// </summary>
public sealed class OpenAiChatClients(IHttpClientFactory httpClients)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    public IChatClient Create(string name, ModelOptions o)
    {
        if (o.Kind != "openai") throw new ArgumentException($"model '{name}' is Kind={o.Kind}, not openai", nameof(o));
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "none" : o.ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(o.BaseUrl!),
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(ModelRegistration.HttpClientName(name))),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        });
        var gate = _gates.GetOrAdd(o.BaseUrl!.TrimEnd('/'), _ => new SemaphoreSlim(o.MaxConcurrency, o.MaxConcurrency));
        return new ConcurrencyLimitedChatClient(client.GetChatClient(o.Model!).AsIChatClient(), gate);
    }
}
