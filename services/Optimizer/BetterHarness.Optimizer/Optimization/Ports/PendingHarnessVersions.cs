using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Optimization.Ports;

/// <summary>
/// Stands in until this service's harness store is registered (issue 8, harness versions): every call fails with a
/// message that says so, and a run that needs it ends <c>failed</c> with that message instead of the host failing to start.
/// The harness store registers its own <see cref="IHarnessVersions"/>, which replaces this one.
/// </summary>
public sealed class PendingHarnessVersions : IHarnessVersions
{
    private const string Message = "harness versions are not available in this build yet (the harness store of the optimizer service is not registered)";

    public Task<StoredHarness?> CurrentAsync(string agent, CancellationToken cancellationToken) => throw new InvalidOperationException(Message);

    public Task<StoredHarness?> GetAsync(string agent, int version, CancellationToken cancellationToken) => throw new InvalidOperationException(Message);

    public Task<int> CreateAsync(string agent, HarnessDocument harness, int? parentVersion, string author, string reason,
        CancellationToken cancellationToken) => throw new InvalidOperationException(Message);

    public Task MakeCurrentAsync(string agent, int version, string actor, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
