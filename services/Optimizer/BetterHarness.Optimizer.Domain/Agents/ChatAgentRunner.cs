using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Harnesses;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>
/// A model behind an <see cref="IChatClient"/>, driven by the built-in <see cref="AgentLoop"/>: an OpenAI-compatible
/// endpoint, or the simulated model (<paramref name="simulated"/>: every result it produces is labelled a simulation).
/// Both receive exactly the same requests.
/// </summary>
public sealed class ChatAgentRunner(string name, IChatClient client, bool simulated = false) : IAgentRunner
{
    public string Name => name;

    public bool Simulated => simulated;

    public Task<Transcript> RunAsync(HarnessDocument harness, EvalCase evalCase, int trial, CancellationToken cancellationToken) =>
        AgentLoop.RunAsync(client, harness, evalCase, trial, cancellationToken);
}
