using System.ClientModel;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.EvalRuns.Models;
using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.Optimizer.Optimization.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace BetterHarness.Optimizer.Optimization.Running;

/// <summary>
/// Models for optimisation runs, by the same names as eval runs: <c>simulated</c> or any model configured under
/// <c>BetterHarness:Models:NAME</c> (an OpenAI-compatible endpoint, an HTTP agent, a simulated model with its own
/// settings), resolved through the eval runs' <see cref="ModelCatalog"/>. The proposer is a model through an
/// OpenAI-compatible endpoint when <see cref="OptimizationOptions.ProposerModel"/> is configured, else the offline
/// rule-based proposer.
/// </summary>
public sealed class OptimizationModels(ModelCatalog catalog, IOptions<OptimizationOptions> options, OptimizationDatabase db) : IEvaluatorFactory
{
    public const string Simulated = ModelCatalog.SimulatedName;

    private readonly Lazy<IChatClient?> _proposerClient = new(() => CreateProposerClient(options.Value, catalog));

    public bool IsKnown(string model) => catalog.Find(model) is not null;

    public IHarnessEvaluator Create(string model, IReadOnlyList<EvalCase> cases, ITranscriptSink transcripts) =>
        new EvalRunnerEvaluator(Runner(model), cases, transcripts, new EvalOptions { MaxParallel = options.Value.MaxParallelTrials });

    public IHarnessProposer Proposer(string model) =>
        _proposerClient.Value is { } client
            ? new ChatClientProposer(client, ProposerModelId(options.Value, catalog), id => StoredTranscripts.Load(db, id))
            : new RuleBasedProposer();

    /// <summary>The model id sent to the endpoint: the setting itself with an endpoint, else the catalog model's <c>Model</c>.</summary>
    private static string ProposerModelId(OptimizationOptions o, ModelCatalog catalog) =>
        o.ProposerEndpoint is { Length: > 0 } ? o.ProposerModel! : catalog.Find(o.ProposerModel!)?.Model ?? o.ProposerModel!;

    private Domain.Agents.IAgentRunner Runner(string model)
    {
        try { return catalog.Runner(model); }
        catch (KeyNotFoundException ex) { throw new InvalidOperationException($"model '{model}' is not configured for optimisation runs: {ex.Message}", ex); }
    }

    /// <summary>
    /// <see cref="OptimizationOptions.ProposerModel"/> with <see cref="OptimizationOptions.ProposerEndpoint"/>: that model id at that
    /// endpoint; without an endpoint: a Kind=openai model of the catalog by name (its endpoint, key, retries and concurrency gate).
    /// </summary>
    private static IChatClient? CreateProposerClient(OptimizationOptions o, ModelCatalog catalog) => o.ProposerModel switch
    {
        not { Length: > 0 } => null,
        var model when o.ProposerEndpoint is { Length: > 0 } endpoint =>
            new OpenAIClient(new ApiKeyCredential(o.ProposerApiKey ?? "none"), new OpenAIClientOptions { Endpoint = new Uri(endpoint) })
                .GetChatClient(model).AsIChatClient(),
        var model => catalog.ChatClient(model)
            ?? throw new InvalidOperationException($"BetterHarness:Optimization:ProposerModel '{model}' needs ProposerEndpoint, or a Kind=openai model of that name under BetterHarness:Models"),
    };
}
