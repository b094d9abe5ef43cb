using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>
/// Runs an agent with a harness on one case and returns what it did. The built-in loop over an
/// <c>IChatClient</c> (<see cref="ChatAgentRunner"/>), the simulated model and the HTTP agent adapter are runners.
/// </summary>
public interface IAgentRunner
{
    /// <summary>Configured model name, as runs and reports show it.</summary>
    string Name { get; }

    /// <summary>True for the simulated model: every result it produces is labelled a simulation.</summary>
    bool Simulated { get; }

    /// <param name="trial">0-based trial number; a runner with noise draws it per (case, trial).</param>
    Task<Transcript> RunAsync(HarnessDocument harness, EvalCase evalCase, int trial, CancellationToken cancellationToken);
}
