namespace BetterHarness.Contracts;

/// <summary>One failure signal on a trace.</summary>
/// <param name="Kind">One of <see cref="SignalKinds"/>: error, exception, tool_failure, loop, step_limit, over_asking, negative_feedback, user_correction.</param>
/// <param name="SpanId">The span the signal points at, when there is one.</param>
/// <param name="Evidence">Short text that shows why the signal fired (trimmed).</param>
/// <param name="ErrorType">error.type / exception type, when the signal is an error.</param>
/// <param name="Score">Detector confidence 0..1 where the detector has one.</param>
public sealed record DigestSignal(string Kind, string? SpanId, string Evidence, string? ErrorType = null, double? Score = null);
