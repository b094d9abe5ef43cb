using System.ClientModel;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.Domain.Models.Simulation;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Optimization.Ports;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace BetterHarness.Optimizer.Optimization.Running;

/// <summary>
/// Models for optimisation runs: <c>simulated</c> evaluates with the process's simulated model; the proposer is a
/// model through an OpenAI-compatible endpoint when <see cref="OptimizationOptions.ProposerModel"/> is configured,
/// else the offline rule-based proposer.
/// </summary>
public sealed class OptimizationModels(SimulatedModel simulated, IOptions<OptimizationOptions> options) : IEvaluatorFactory
{
    public const string Simulated = "simulated";

    private readonly Lazy<IChatClient?> _proposerClient = new(() => CreateProposerClient(options.Value));

    public bool IsKnown(string model) => model == Simulated;

    public IHarnessEvaluator Create(string model, IReadOnlyList<EvalCase> cases, ITranscriptSink transcripts) => model == Simulated
        ? new EvalRunnerEvaluator(simulated, cases, transcripts, new EvalOptions { MaxParallel = options.Value.MaxParallelTrials })
        : throw new InvalidOperationException($"model '{model}' is not configured for optimisation runs: use \"simulated\"");

    public IHarnessProposer Proposer(string model) =>
        _proposerClient.Value is { } client ? new ChatClientProposer(client, options.Value.ProposerModel!) : new RuleBasedProposer();

    private static IChatClient? CreateProposerClient(OptimizationOptions o) =>
        o.ProposerModel is not { Length: > 0 } model || o.ProposerEndpoint is not { Length: > 0 } endpoint ? null
            : new OpenAIClient(new ApiKeyCredential(o.ProposerApiKey ?? "none"), new OpenAIClientOptions { Endpoint = new Uri(endpoint) })
                .GetChatClient(model).AsIChatClient();
}
