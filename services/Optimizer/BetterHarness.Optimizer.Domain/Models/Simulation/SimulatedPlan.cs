namespace BetterHarness.Optimizer.Domain.Models.Simulation;

/// <summary>What the simulated model will do on one (case, trial): its tool calls in order, then its answer.</summary>
/// <param name="Right">True when it behaves as the case expects (before noise is shown in <paramref name="Flipped"/>).</param>
/// <param name="Why">Which instruction or tool description decided it — for tests and for reading transcripts.</param>
internal sealed record SimulatedPlan(bool Right, bool Flipped, IReadOnlyList<PlannedCall> Calls, string Answer, string Why);

internal sealed record PlannedCall(string Name, string Arguments);

/// <summary>The harness as the simulated model receives it: instructions and the declared tools.</summary>
internal sealed record SimulatedHarness(string Instructions, IReadOnlyList<(string Name, string Description)> Tools);
