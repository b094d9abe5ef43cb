using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Harnesses.Storage;

namespace BetterHarness.Optimizer.Optimization.Ports;

/// <summary>
/// The optimisation loop's view of harness versions, backed by the harness store (the optimisation depends on the harness
/// store, never the other way round). Making a version current is not here: approval does that, in one transaction with the
/// decision and its fact (<see cref="Storage.OptimizationDecisions"/>).
/// </summary>
public sealed class StoredHarnessVersions(HarnessStore store) : IHarnessVersions
{
    public Task<StoredHarness?> CurrentAsync(string agent, CancellationToken cancellationToken) =>
        Task.FromResult(store.Current(agent) is { } c ? new StoredHarness(agent, c.Version.Version, c.Version.Document) : null);

    public Task<StoredHarness?> GetAsync(string agent, int version, CancellationToken cancellationToken) =>
        Task.FromResult(store.Get(agent, version) is { } v ? new StoredHarness(agent, v.Version, v.Document) : null);

    public Task<int> CreateAsync(string agent, HarnessDocument harness, int? parentVersion, string author, string reason, CancellationToken cancellationToken) =>
        Task.FromResult(store.Create(agent, harness, parentVersion, author, reason).Version.Version);

    public Task RecordValidationAsync(string agent, int version, ValidatedWith validatedWith, CancellationToken cancellationToken)
    {
        store.RecordValidation(agent, version, validatedWith);
        return Task.CompletedTask;
    }
}
