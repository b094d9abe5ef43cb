using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Optimizer.Optimization.Ports;

/// <summary>Reads an agent's eval cases from the curation service's snapshots.</summary>
public interface IEvalSnapshots
{
    /// <summary>The snapshot <paramref name="snapshotId"/>, or the agent's latest when null.</summary>
    Task<EvalSnapshot> LoadAsync(string agent, string? snapshotId, CancellationToken cancellationToken);
}

/// <summary>An immutable eval snapshot: its id and its cases with their split, category and must-pass flag.</summary>
public sealed record EvalSnapshot(string Id, IReadOnlyList<EvalCase> Cases);

/// <summary>The agent has no eval snapshot, or the one named does not exist: a permanent error for the run.</summary>
public sealed class SnapshotNotFoundException(string message) : Exception(message);
