using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Traces;
using BetterHarness.Ingest.Otlp;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Storage.Compression;
using Dapper;
using OpenTelemetry.Proto.Trace.V1;
using System.Text.Json;

namespace BetterHarness.Ingest.Storage;

/// <summary>Reads and evaluation writes on the ingest store (span writes go through <see cref="SpanWriter"/>).</summary>
public sealed class TraceStore(IngestDatabase database)
{
    private readonly Guid _claimer = Guid.NewGuid();

    public TraceRow? Find(string traceId)
    {
        using var c = database.Database.Open();
        return c.QuerySingleOrDefault<TraceRow>("SELECT * FROM traces WHERE trace_id = @traceId", new { traceId });
    }

    /// <summary>
    /// Traces that are due: open with the root ended and quiet; amended and quiet again (root or not: a
    /// trace completed by age may have none); open and older than the max age. On PostgreSQL, where replicas share the
    /// traces, the due traces are claimed for this instance for <see cref="CompletionLease"/> and traces another replica
    /// holds are skipped (docs/storage.md, "Ingest replicas").
    /// </summary>
    public IReadOnlyList<TraceRow> FindDue(long nowMs, long quietMs, long maxAgeMs, int limit)
    {
        // Indexed range scans rather than one OR (which SQLite answers by reading every open trace), so a
        // sweep costs the same with a million traces open as with ten. The partial indexes' condition stays in each
        // query, literally (TraceStateSql.OpenOrAmended), because SQLite uses a partial index only when the query
        // repeats it; the states themselves are parameters.
        string[] conditions =
        [
            TraceStateSql.OpenOrAmended + " AND state = @open AND root_ended = 1 AND last_span_ms <= @quietBefore",
            TraceStateSql.OpenOrAmended + " AND state = @amended AND last_span_ms <= @quietBefore",
            TraceStateSql.OpenOrAmended + " AND state = @open AND first_seen_ms <= @ageBefore",
        ];
        using var c = database.Database.Open();
        var due = new List<TraceRow>();
        var seen = new HashSet<string>();
        foreach (var condition in conditions)
        {
            if (due.Count >= limit) break;
            var rows = c.Query<TraceRow>(database.Sql(
                    sqlite: $"SELECT {DueColumns} FROM traces WHERE {condition} LIMIT @limit",
                    // A claim is a short transaction of its own (one HOT update per trace): no lock is held while the
                    // traces are evaluated, so span writers never wait for an evaluation.
                    postgres: $"""
                        UPDATE traces SET claimed_by = @claimer, claimed_until_ms = @until
                        WHERE trace_id IN (SELECT trace_id FROM traces
                                           WHERE {condition} AND (claimed_by IS NULL OR claimed_by = @claimer OR claimed_until_ms < @nowMs)
                                           LIMIT @limit FOR UPDATE SKIP LOCKED)
                        RETURNING {DueColumns}
                        """),
                new
                {
                    quietBefore = nowMs - quietMs, ageBefore = nowMs - maxAgeMs, limit = limit - due.Count, open = TraceState.Open,
                    amended = TraceState.Amended, claimer = _claimer, nowMs, until = nowMs + (long)CompletionLease.TotalMilliseconds,
                });
            due.AddRange(rows.Where(r => seen.Add(r.Trace_id)));
        }
        return due;
    }

    private const string DueColumns = "trace_id, state, first_seen_ms, last_span_ms, root_ended, span_count, revision, version, failed, corrected";

    /// <summary>
    /// PostgreSQL: how long a replica's claim on due traces holds. The claim is not released when the evaluation is saved:
    /// the same replica re-evaluates an amendment that arrives within it, any replica after it; a replica that died while
    /// holding claims delays those traces by at most this long.
    /// </summary>
    public static readonly TimeSpan CompletionLease = TimeSpan.FromSeconds(30);

    /// <summary>The signals of the trace's last stored evaluation (none while it was never completed).</summary>
    public IReadOnlyList<Signal> LoadSignals(string traceId)
    {
        using var c = database.Database.Open();
        return c.Query<(string Kind, string? SpanId, string Evidence, string? ErrorType, double? Score)>(
                "SELECT kind, span_id, evidence, error_type, score FROM signals WHERE trace_id = @traceId ORDER BY ordinal", new { traceId })
            .Select(r => new Signal(r.Kind, r.SpanId, r.Evidence, r.ErrorType, r.Score)).ToList();
    }

    public IReadOnlyList<RawSpan> LoadSpans(string traceId) =>
        LoadSpans([traceId]).GetValueOrDefault(traceId) ?? [];

    public IReadOnlyList<FeedbackEntry> LoadFeedback(string traceId) =>
        LoadFeedback([traceId]).GetValueOrDefault(traceId) ?? [];

    /// <summary>Spans of several traces in one query, ordered by start time within each trace, with the GenAI
    /// events that arrived as log records joined onto them.</summary>
    public Dictionary<string, List<RawSpan>> LoadSpans(IReadOnlyList<string> traceIds)
    {
        using var c = database.Database.Open();
        var rows = c.Query<(byte[] TraceId, byte[] Payload, long OriginId, long Encoding)>(database.Sql(
                sqlite: "SELECT trace_id, payload, origin_id, encoding FROM span_chunks WHERE trace_id IN @traceIds ORDER BY rowid",
                postgres: "SELECT trace_id, payload, origin_id, encoding FROM span_chunks WHERE trace_id = ANY(@traceIds) ORDER BY id"),
            new { traceIds = traceIds.Select(Convert.FromHexString).ToArray() });
        var origins = new Dictionary<long, (IReadOnlyDictionary<string, object?> Resource, string? Scope)>();
        var result = new Dictionary<string, List<RawSpan>>();
        var seen = new Dictionary<string, HashSet<Google.Protobuf.ByteString>>();
        foreach (var row in rows)
        {
            if (!origins.TryGetValue(row.OriginId, out var origin))
                origins[row.OriginId] = origin = LoadOrigin(c, row.OriginId);
            var traceId = Convert.ToHexStringLower(row.TraceId);
            if (!result.TryGetValue(traceId, out var spans)) result[traceId] = spans = [];
            if (!seen.TryGetValue(traceId, out var ids)) seen[traceId] = ids = [];
            foreach (var span in ScopeSpans.Parser.ParseFrom(PayloadCodec.Decode((PayloadEncoding)row.Encoding, row.Payload)).Spans)
                if (ids.Add(span.SpanId)) // a span re-sent in a differently composed batch counts once
                    spans.Add(OtlpSpanMapper.ToRawSpan(span, origin.Resource, origin.Scope));
        }
        LogEventReader.Attach(database, c, traceIds, result, id =>
            origins.TryGetValue(id, out var o) ? o : origins[id] = LoadOrigin(c, id));
        foreach (var spans in result.Values) spans.Sort((a, b) => a.StartUnixNano.CompareTo(b.StartUnixNano));
        return result;
    }

    private static (IReadOnlyDictionary<string, object?>, string?) LoadOrigin(System.Data.IDbConnection c, long id)
    {
        var origin = ResourceSpans.Parser.ParseFrom(c.QuerySingle<byte[]>("SELECT payload FROM origins WHERE id = @id", new { id }));
        var resource = origin.Resource is null ? RawSpan.Empty : OtlpSpanMapper.ToAttributes(origin.Resource.Attributes);
        return (resource, origin.ScopeSpans.Count > 0 ? origin.ScopeSpans[0].Scope?.Name : null);
    }

    public Dictionary<string, List<FeedbackEntry>> LoadFeedback(IReadOnlyList<string> traceIds)
    {
        using var c = database.Database.Open();
        return c.Query<(string TraceId, string? SpanId, double? Score, string? Label, string? Comment, string? Correction, long ReceivedMs)>(
                database.Sql(
                    sqlite: "SELECT trace_id, span_id, score, label, comment, correction, received_ms FROM feedback WHERE trace_id IN @traceIds ORDER BY received_ms",
                    postgres: "SELECT trace_id, span_id, score, label, comment, correction, received_ms FROM feedback WHERE trace_id = ANY(@traceIds) ORDER BY received_ms"),
                new { traceIds = traceIds.ToArray() })
            .GroupBy(f => f.TraceId)
            .ToDictionary(g => g.Key, g => g.Select(f =>
                new FeedbackEntry(f.TraceId, f.SpanId, f.Score, f.Label, f.Comment, f.Correction, "api", f.ReceivedMs * 1_000_000)).ToList());
    }

    /// <summary>
    /// Stores evaluations in one transaction, each unless its trace changed since it was read (then the
    /// next sweep evaluates it again) or was evaluated by another replica meanwhile. Saved in trace id order, so two
    /// replicas' transactions lock shared rows in the same order. Signals are replaced; digests go to the outbox in the same
    /// transaction (store first, then publish). Returns the evaluations that were saved.
    /// </summary>
    public IReadOnlyList<TraceEvaluation> SaveEvaluations(IReadOnlyList<TraceEvaluation> evaluations, long nowMs)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        var saved = new List<TraceEvaluation>(evaluations.Count);
        foreach (var e in evaluations.OrderBy(e => e.Seen.Trace_id, StringComparer.Ordinal))
            if (SaveOne(c, tx, e, nowMs)) saved.Add(e);
        tx.Commit();
        return saved;
    }

    private static bool SaveOne(System.Data.IDbConnection c, System.Data.IDbTransaction tx, TraceEvaluation e, long nowMs)
    {
        var trace = e.Trace;
        var traceId = e.Seen.Trace_id;
        var updated = c.Execute("""
            UPDATE traces SET state = @completed, revision = @revision, completed_ms = @nowMs, start_ns = @start,
                service_name = @service, agent_name = @agent, conversation_id = @conversation,
                failed = @failed, corrected = @corrected, orphan_spans = @orphans, end_ns = @end, tokens = @tokens, eval_run = @evalRun,
                harness_version = @harnessVersion, harness_attribution = @attribution, harness_similarity = @similarity,
                harness_fingerprint = @fingerprint
            WHERE trace_id = @traceId AND version = @version AND revision = @seenRevision
            """, new
        {
            // The revision read is the fence: of two evaluations of one (trace, version) — a replica whose claim lapsed
            // mid-evaluation, and the one that took it over — only the first is saved.
            seenRevision = e.Seen.Revision,
            end = trace.EndUnixNano, tokens = Tokens(trace), evalRun = trace.Origin == BetterHarness.Ingest.Domain.DigestBuilder.EvalRunOrigin ? 1 : 0,
            harnessVersion = e.Harness?.Version, attribution = e.Harness?.Kind, similarity = e.Harness?.Similarity,
            fingerprint = e.Harness?.Fingerprint,
            revision = e.Revision, nowMs, start = trace.StartUnixNano, service = trace.ServiceName, agent = trace.AgentName,
            conversation = trace.ConversationId,
            // Numbers, not booleans: the columns are integers on both engines, and PostgreSQL does not cast a boolean.
            failed = SignalKinds.AnyFailure(trace.Signals.Select(s => s.Kind)) ? 1 : 0,
            corrected = SignalKinds.AnyCorrection(trace.Signals.Select(s => s.Kind)) ? 1 : 0, orphans = trace.OrphanSpanCount,
            traceId, version = e.Seen.Version, completed = TraceState.Completed,
        }, tx);
        if (updated == 0) return false;
        c.Execute("DELETE FROM signals WHERE trace_id = @traceId", new { traceId }, tx);
        if (trace.Signals.Count > 0)
            c.Execute("""
                INSERT INTO signals (trace_id, ordinal, kind, span_id, evidence, error_type, score)
                VALUES (@traceId, @ordinal, @kind, @spanId, @evidence, @errorType, @score)
                """, trace.Signals.Select((s, i) => new { traceId, ordinal = i, kind = s.Kind, spanId = s.SpanId, evidence = s.Evidence, errorType = s.ErrorType, score = s.Score }), tx);
        if (e.Digest is not null)
            c.Execute("""
                INSERT INTO outbox (trace_id, revision, payload, created_ms) VALUES (@traceId, @revision, @payload, @nowMs)
                ON CONFLICT (trace_id, revision) DO NOTHING
                """, new { traceId, revision = e.Revision, payload = JsonSerializer.Serialize(e.Digest, IngestJson.Options), nowMs }, tx);
        return true;
    }

    /// <summary>Input plus output tokens of the trace's LLM calls; null when none reported any.</summary>
    private static long? Tokens(NormalizedTrace trace)
    {
        long? total = null;
        foreach (var call in trace.LlmCalls)
            if (call.InputTokens is not null || call.OutputTokens is not null)
                total = (total ?? 0) + (call.InputTokens ?? 0) + (call.OutputTokens ?? 0);
        return total;
    }
}

/// <summary>
/// One trace's evaluation, ready to store: what was read, the result, the digest to publish (if flagged) and its harness
/// attribution (null when attribution is switched off).
/// </summary>
public sealed record TraceEvaluation(TraceRow Seen, NormalizedTrace Trace, long Revision, TraceDigest? Digest,
    BetterHarness.Ingest.Domain.Harnesses.HarnessAttribution? Harness = null);
