using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.Models;
using BetterHarness.Optimizer.Domain.Models.Simulation;
using BetterHarness.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace BetterHarness.Optimizer.EvalRuns.Models;

/// <summary>
/// Turns a configured model name into an agent runner: the simulated model, an OpenAI-compatible endpoint through
/// Microsoft.Extensions.AI (retries with backoff honouring Retry-After come from the named HttpClient's resilience
/// handler; the OpenAI SDK's own retries are off so every request is counted once), or an HTTP agent. One
/// concurrency gate per endpoint, shared by every model name on it.
/// </summary>
public sealed class ModelCatalog(IOptions<ModelCatalogOptions> options, IHttpClientFactory httpClients, ITextEmbedder embedder)
{
    public const string SimulatedName = "simulated";
    private readonly ConcurrentDictionary<string, IAgentRunner> _runners = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    public static string HttpClientName(string model) => "bh-model-" + model.ToLowerInvariant();

    public IReadOnlyDictionary<string, ModelOptions> All
    {
        get
        {
            var all = new Dictionary<string, ModelOptions>(options.Value.Models, StringComparer.OrdinalIgnoreCase);
            all.TryAdd(SimulatedName, new ModelOptions { Kind = "simulated" });
            return all;
        }
    }

    public ModelOptions? Find(string name) => All.TryGetValue(name, out var o) ? o : null;

    public IAgentRunner Runner(string name) => _runners.GetOrAdd(name, n => Create(n, Find(n)
        ?? throw new KeyNotFoundException($"model '{n}' is not configured: set BetterHarness:Models:{n}:Kind (or use 'simulated')")));

    /// <summary>The model as a plain chat client (for the judge); null for a model that is not a chat model.</summary>
    public IChatClient? ChatClient(string name) => Find(name) is { Kind: "openai" } o ? OpenAiClient(name, o) : null;

    private IAgentRunner Create(string name, ModelOptions o) => o.Kind switch
    {
        "simulated" => new SimulatedModel(embedder, new SimulatedModelOptions
        {
            Seed = o.Seed, FlipRate = o.FlipRate, FollowThreshold = o.FollowThreshold, SalienceFreeWords = o.SalienceFreeWords,
            SalienceExponent = o.SalienceExponent, Latency = o.Latency,
        }, name),
        "openai" => new ChatAgentRunner(name, OpenAiClient(name, o)),
        "http-agent" => new HttpAgentRunner(name, httpClients.CreateClient(HttpClientName(name)), new Uri(o.BaseUrl!)),
        _ => throw new KeyNotFoundException($"model '{name}' has an unknown Kind '{o.Kind}'"),
    };

    private IChatClient OpenAiClient(string name, ModelOptions o)
    {
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "none" : o.ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(o.BaseUrl!),
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName(name))),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        });
        var gate = _gates.GetOrAdd(o.BaseUrl!.TrimEnd('/'), _ => new SemaphoreSlim(o.MaxConcurrency, o.MaxConcurrency));
        return new ConcurrencyLimitedChatClient(client.GetChatClient(o.Model!).AsIChatClient(), gate);
    }
}
