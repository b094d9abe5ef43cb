using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Text;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Models.Simulation;

/// <summary>
/// The SIMULATED model: runs everything with no model endpoint (demo, tests, CI) while its outcomes depend on
/// the harness text (see <see cref="SimulatedPlanner"/>). Thread-safe; share one per process so MiniLM
/// vectors are computed once. Every run it produces is labelled <c>simulated</c>.
/// </summary>
public sealed class SimulatedModel : IAgentRunner
{
    private readonly SimulatedPlanner _planner;
    private readonly SimulatedModelOptions _options;

    public SimulatedModel(ITextEmbedder embedder, SimulatedModelOptions? options = null, string name = "simulated")
    {
        _options = options ?? new SimulatedModelOptions();
        _options.Validate();
        _planner = new SimulatedPlanner(new EmbeddingCache(embedder), _options);
        Name = name;
    }

    public string Name { get; }

    public bool Simulated => true;

    public SimulatedModelOptions Options => _options;

    /// <summary>The simulation as an <see cref="IChatClient"/> for one (case, trial): the case is what it is simulating.</summary>
    public IChatClient ForCase(EvalCase evalCase, int trial) => new SimulatedChatClient(_planner, _options, evalCase, trial);

    /// <summary>Why the simulation behaves as it does on this (case, trial): the instruction it followed or the tool it picked.</summary>
    public string Explain(HarnessDocument harness, EvalCase evalCase, int trial)
    {
        var plan = _planner.Plan(new SimulatedHarness(harness.Instructions, harness.Tools.Select(t => (t.Name, t.Description)).ToList()),
            evalCase, trial, CancellationToken.None);
        return (plan.Right != plan.Flipped ? "right: " : "wrong: ") + plan.Why + (plan.Flipped ? " (flipped by noise)" : "");
    }

    public Task<Transcript> RunAsync(HarnessDocument harness, EvalCase evalCase, int trial, CancellationToken cancellationToken) =>
        AgentLoop.RunAsync(ForCase(evalCase, trial), harness, evalCase, cancellationToken);
}
