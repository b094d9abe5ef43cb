using Dapper;

namespace BetterHarness.Ingest.Storage;

/// <summary>Feedback from <c>POST /v1/feedback</c>. Storing it marks a completed trace for re-evaluation.</summary>
public sealed class FeedbackStore(IngestDatabase database)
{
    /// <summary>Stores feedback; an unknown trace or an id already used for another trace stores nothing.</summary>
    public FeedbackResult Add(string feedbackId, string traceId, string? spanId, double? score, string? label,
        string? comment, string? correction, long nowMs)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        var touched = c.Execute("""
            UPDATE traces SET version = version + 1, state = CASE WHEN state = @completed THEN @amended ELSE state END
            WHERE trace_id = @traceId
            """, new { traceId, completed = TraceState.Completed, amended = TraceState.Amended }, tx);
        if (touched == 0) return FeedbackResult.UnknownTrace;
        var added = c.Execute("""
            INSERT INTO feedback (feedback_id, trace_id, span_id, score, label, comment, correction, received_ms)
            VALUES (@feedbackId, @traceId, @spanId, @score, @label, @comment, @correction, @nowMs)
            ON CONFLICT (feedback_id) DO NOTHING
            """, new { feedbackId, traceId, spanId, score, label, comment, correction, nowMs }, tx);
        if (added == 1)
        {
            tx.Commit();
            return FeedbackResult.Stored;
        }
        // A duplicate delivery changes nothing, not even the trace's revision; the same id on another trace
        // is a client error, not a duplicate.
        var owner = c.ExecuteScalar<string>("SELECT trace_id FROM feedback WHERE feedback_id = @feedbackId", new { feedbackId }, tx);
        tx.Rollback();
        return owner == traceId ? FeedbackResult.Duplicate : FeedbackResult.IdConflict;
    }
}

public enum FeedbackResult { Stored, Duplicate, UnknownTrace, IdConflict }
