using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Traces;
using BetterHarness.Ingest.Otlp;
using BetterHarness.Ingest.Domain.Spans;
using Dapper;
using OpenTelemetry.Proto.Trace.V1;
using System.Text.Json;

namespace BetterHarness.Ingest.Storage;

/// <summary>Reads and evaluation writes on the ingest store (span writes go through <see cref="SpanWriter"/>).</summary>
public sealed class TraceStore(IngestDatabase database)
{
    public TraceRow? Find(string traceId)
    {
        using var c = database.Database.Open();
        return c.QuerySingleOrDefault<TraceRow>("SELECT * FROM traces WHERE trace_id = @traceId", new { traceId });
    }

    /// <summary>Open or amended traces that are due: root ended and quiet, or older than the max age.</summary>
    public IReadOnlyList<TraceRow> FindDue(long nowMs, long quietMs, long maxAgeMs, int limit)
    {
        using var c = database.Database.Open();
        return c.Query<TraceRow>("""
            SELECT trace_id, state, first_seen_ms, last_span_ms, root_ended, span_count, revision, version FROM traces
            WHERE state IN (0, 2)
              AND ((root_ended = 1 AND last_span_ms <= @quietBefore) OR first_seen_ms <= @ageBefore)
            ORDER BY last_span_ms LIMIT @limit
            """, new { quietBefore = nowMs - quietMs, ageBefore = nowMs - maxAgeMs, limit }).AsList();
    }

    public IReadOnlyList<RawSpan> LoadSpans(string traceId)
    {
        using var c = database.Database.Open();
        var rows = c.Query<(byte[] Payload, byte[] Origin)>("""
            SELECT s.payload, o.payload FROM spans s JOIN origins o ON o.id = s.origin_id
            WHERE s.trace_id = @traceId ORDER BY s.start_ns
            """, new { traceId });
        var origins = new Dictionary<string, ResourceSpans>();
        return rows.Select(r =>
        {
            var key = Convert.ToBase64String(r.Origin);
            if (!origins.TryGetValue(key, out var origin)) origins[key] = origin = ResourceSpans.Parser.ParseFrom(r.Origin);
            var scope = origin.ScopeSpans.Count > 0 ? origin.ScopeSpans[0].Scope : null;
            return OtlpSpanMapper.ToRawSpan(Span.Parser.ParseFrom(r.Payload), origin.Resource, scope);
        }).ToList();
    }

    public IReadOnlyList<FeedbackEntry> LoadFeedback(string traceId)
    {
        using var c = database.Database.Open();
        return c.Query<(string? SpanId, double? Score, string? Label, string? Comment, string? Correction, long ReceivedMs)>(
                "SELECT span_id, score, label, comment, correction, received_ms FROM feedback WHERE trace_id = @traceId ORDER BY received_ms",
                new { traceId })
            .Select(f => new FeedbackEntry(traceId, f.SpanId, f.Score, f.Label, f.Comment, f.Correction, "api", f.ReceivedMs * 1_000_000))
            .ToList();
    }

    /// <summary>
    /// Stores an evaluation unless the trace changed since it was read (then the next sweep evaluates it
    /// again). Signals are replaced; a digest goes to the outbox in the same transaction.
    /// </summary>
    public bool SaveEvaluation(TraceRow seen, NormalizedTrace trace, long revision, long nowMs, TraceDigest? digest)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        var updated = c.Execute("""
            UPDATE traces SET state = 1, revision = @revision, completed_ms = @nowMs, start_ns = @start,
                service_name = @service, agent_name = @agent, conversation_id = @conversation,
                failed = @failed, corrected = @corrected, orphan_spans = @orphans, normalized = @json
            WHERE trace_id = @traceId AND version = @version
            """, new
        {
            revision, nowMs, start = trace.StartUnixNano, service = trace.ServiceName, agent = trace.AgentName,
            conversation = trace.ConversationId, failed = trace.Signals.Any(s => SignalKinds.IsFailure(s.Kind)),
            corrected = trace.Signals.Any(s => s.Kind == SignalKinds.UserCorrection), orphans = trace.OrphanSpanCount,
            json = JsonSerializer.Serialize(trace, IngestJson.Options), traceId = seen.Trace_id, version = seen.Version,
        }, tx);
        if (updated == 0) return false;
        c.Execute("DELETE FROM signals WHERE trace_id = @traceId", new { traceId = seen.Trace_id }, tx);
        c.Execute("INSERT INTO signals (trace_id, ordinal, kind, span_id, evidence) VALUES (@traceId, @ordinal, @kind, @spanId, @evidence)",
            trace.Signals.Select((s, i) => new { traceId = seen.Trace_id, ordinal = i, kind = s.Kind, spanId = s.SpanId, evidence = s.Evidence }), tx);
        if (digest is not null)
            c.Execute("""
                INSERT INTO outbox (trace_id, revision, payload, created_ms) VALUES (@traceId, @revision, @payload, @nowMs)
                ON CONFLICT (trace_id, revision) DO NOTHING
                """, new { traceId = seen.Trace_id, revision, payload = JsonSerializer.Serialize(digest, IngestJson.Options), nowMs }, tx);
        tx.Commit();
        return true;
    }
}
