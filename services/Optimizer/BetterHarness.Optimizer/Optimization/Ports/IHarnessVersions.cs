using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Optimization.Ports;

/// <summary>
/// The harness versions an optimisation starts from and creates. Approval makes one current through
/// <see cref="Storage.OptimizationDecisions"/> (one transaction with the decision and its fact), never through this port.
/// </summary>
public interface IHarnessVersions
{
    /// <summary>The agent's current (approved) version, or null when it has none.</summary>
    Task<StoredHarness?> CurrentAsync(string agent, CancellationToken cancellationToken);

    Task<StoredHarness?> GetAsync(string agent, int version, CancellationToken cancellationToken);

    /// <summary>Stores a new version (not current) and returns its number.</summary>
    Task<int> CreateAsync(string agent, HarnessDocument harness, int? parentVersion, string author, string reason,
        CancellationToken cancellationToken);

    /// <summary>Records the model a version was validated with (its provenance, served with it).</summary>
    Task RecordValidationAsync(string agent, int version, Harnesses.Storage.ValidatedWith validatedWith, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}

/// <summary>A stored harness version.</summary>
public sealed record StoredHarness(string Agent, int Version, HarnessDocument Document);
