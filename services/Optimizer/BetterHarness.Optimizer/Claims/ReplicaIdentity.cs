namespace BetterHarness.Optimizer.Claims;

/// <summary>
/// This process as a claimer of runs: host name, process id and a random part, so a restarted process (same host, maybe
/// the same pid in a container) is a new claimer and a log line says which replica holds a run.
/// </summary>
public sealed class ReplicaIdentity
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public override string ToString() => Id;
}
