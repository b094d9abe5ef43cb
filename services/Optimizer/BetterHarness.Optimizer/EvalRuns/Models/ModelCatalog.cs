using System.Collections.Concurrent;
using BetterHarness.Models;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Models.Simulated;
using BetterHarness.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.EvalRuns.Models;

/// <summary>
/// Turns a configured model name into an agent runner: the simulated model, an OpenAI-compatible endpoint through
/// Microsoft.Extensions.AI (<see cref="OpenAiChatClients"/>: retries, one concurrency gate per endpoint), or an HTTP agent.
/// </summary>
public sealed class ModelCatalog(IOptions<ModelCatalogOptions> options, IHttpClientFactory httpClients, OpenAiChatClients chatClients, ITextEmbedder embedder)
{
    public const string SimulatedName = "simulated";
    private readonly ConcurrentDictionary<string, IAgentRunner> _runners = new(StringComparer.OrdinalIgnoreCase);

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
    public IChatClient? ChatClient(string name) => Find(name) is { Kind: "openai" } o ? chatClients.Create(name, o) : null;

    private IAgentRunner Create(string name, ModelOptions o) => o.Kind switch
    {
        // The simulation is a chat client like any other, driven by the same agent loop: it gets the request and nothing else.
        "simulated" => new ChatAgentRunner(name, new SimulatedChatClient(embedder, new SimulatedModelOptions
        {
            Seed = o.Seed, Noise = o.Noise, FollowThreshold = o.FollowThreshold, ToolThreshold = o.ToolThreshold,
            SalienceFreeWords = o.SalienceFreeWords, SalienceExponent = o.SalienceExponent, Latency = o.Latency,
        }), simulated: true),
        "openai" => new ChatAgentRunner(name, chatClients.Create(name, o)),
        "http-agent" => new HttpAgentRunner(name, httpClients.CreateClient(ModelRegistration.HttpClientName(name)), new Uri(o.BaseUrl!)),
        _ => throw new KeyNotFoundException($"model '{name}' has an unknown Kind '{o.Kind}'"),
    };
}
