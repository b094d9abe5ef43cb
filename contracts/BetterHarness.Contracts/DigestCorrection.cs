namespace BetterHarness.Contracts;

/// <summary>
/// A correction a person wrote in feedback (<c>POST /v1/feedback</c> <c>correction</c>, an annotation, an
/// evaluator span): what the agent should have done. Carried verbatim and whole, never trimmed, because it
/// becomes an eval case's expected behaviour.
/// </summary>
/// <param name="Text">The correction, exactly as given.</param>
/// <param name="Source">Where it came from: api, gen_ai.evaluation.result, openinference.annotation, evaluator_span.</param>
/// <param name="SpanId">The span the feedback is about, when it names one.</param>
/// <param name="Comment">The feedback's comment, when it had one (trimmed like message text).</param>
public sealed record DigestCorrection(string Text, string Source, string? SpanId, string? Comment = null);
