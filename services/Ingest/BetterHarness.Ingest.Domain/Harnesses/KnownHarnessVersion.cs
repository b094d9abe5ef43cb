namespace BetterHarness.Ingest.Domain.Harnesses;

/// <summary>A harness version of an agent, as ingest learned it from the optimizer (<c>HarnessVersionCreated</c>).</summary>
public sealed record KnownHarnessVersion(string Agent, int Version, HarnessContent Content);
