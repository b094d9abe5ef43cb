namespace BetterHarness.Models.Simulated;

/// <summary>
/// What the simulated model decided to do in the user's current turn: the tools to call in order, whether it may
/// ask the user anything, whether its answer states the concrete values, and why (the rules it followed, the tool it
/// picked by description) — for reading transcripts and for tests.
/// </summary>
internal sealed record TurnPlan(IReadOnlyList<DeclaredTool> Tools, bool NoQuestion, bool StateValues, string Why);
