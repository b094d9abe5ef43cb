namespace BetterHarness.Ingest.Domain.Production;

/// <summary>One completed production trace as the per-version figures see it.</summary>
public sealed record ProductionTrace(
    int? Version, bool Failed, bool Corrected, bool NegativeFeedback, bool ToolError, bool Loop, double? DurationMs, long? Tokens);
