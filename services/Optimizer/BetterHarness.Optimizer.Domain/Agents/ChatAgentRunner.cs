using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Harnesses;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>A real model behind an <see cref="IChatClient"/>, driven by the built-in <see cref="AgentLoop"/>.</summary>
public sealed class ChatAgentRunner(string name, IChatClient client) : IAgentRunner
{
    public string Name => name;

    public bool Simulated => false;

    public Task<Transcript> RunAsync(HarnessDocument harness, EvalCase evalCase, int trial, CancellationToken cancellationToken) =>
        AgentLoop.RunAsync(client, harness, evalCase, cancellationToken);
}
