namespace BetterHarness.Contracts;

/// <summary>
/// Fact: the optimizer stored a new harness version. Carries what a production trace shows of a harness — system
/// instructions and tool definitions — so ingest can attribute traces to versions by content without reading the
/// optimizer's store. Consumers upsert on (<see cref="Agent"/>, <see cref="Version"/>).
/// </summary>
public sealed record HarnessVersionCreated
{
    /// <summary>The agent the version belongs to.</summary>
    public required string Agent { get; init; }
    /// <summary>Version number, 1-based per agent.</summary>
    public required int Version { get; init; }
    /// <summary>System instructions, verbatim.</summary>
    public required string Instructions { get; init; }
    /// <summary>Tools as the model sees them.</summary>
    public required IReadOnlyList<HarnessToolDefinition> Tools { get; init; }
    /// <summary>When the version was created, UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
