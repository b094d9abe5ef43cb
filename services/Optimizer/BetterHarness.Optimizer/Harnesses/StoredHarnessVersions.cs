using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.Optimizer.Optimization.Ports;

namespace BetterHarness.Optimizer.Harnesses;

/// <summary>The optimisation loop's view of harness versions, backed by the harness store.</summary>
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

    public Task MakeCurrentAsync(string agent, int version, string actor, CancellationToken cancellationToken) =>
        store.MakeCurrent(agent, version, actor) ? Task.CompletedTask
            : Task.FromException(new InvalidOperationException($"agent '{agent}' has no harness version {version}"));
}
