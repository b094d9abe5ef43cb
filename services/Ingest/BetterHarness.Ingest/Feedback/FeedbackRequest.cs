namespace BetterHarness.Ingest.Feedback;

/// <summary>Body of <c>POST /v1/feedback</c>. At least one of score, label, comment or correction.</summary>
/// <param name="TraceId">32 hex characters.</param>
/// <param name="SpanId">Optional 16 hex characters: the span the feedback is about.</param>
/// <param name="Score">Optional score; below 0.5 (on 0..1) or negative (on -1..1) counts as negative.</param>
/// <param name="Label">Optional label, e.g. thumbs_down, incorrect, good.</param>
/// <param name="Comment">Optional free text.</param>
/// <param name="Correction">Optional: what the agent should have done; makes the trace "corrected".</param>
/// <param name="Id">Optional client id for idempotent retries; derived from the content when absent.</param>
public sealed record FeedbackRequest(
    string? TraceId, string? SpanId, double? Score, string? Label, string? Comment, string? Correction, string? Id);
