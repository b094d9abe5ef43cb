using Dapper;

namespace BetterHarness.Ingest.Storage;

/// <summary>Listing queries behind <c>GET /api/traces</c>.</summary>
public sealed class TraceQueries(IngestDatabase database)
{
    private const string ListSqlite = """
        SELECT t.trace_id, t.state, t.revision, t.completed_ms, t.service_name, t.agent_name, t.conversation_id,
               t.failed, t.corrected, t.span_count, t.harness_version, t.harness_attribution,
               (SELECT group_concat(kind, ',') FROM (SELECT DISTINCT kind FROM signals s WHERE s.trace_id = t.trace_id)) AS kinds
        FROM traces t
        WHERE (@signal IS NULL OR EXISTS (SELECT 1 FROM signals s WHERE s.trace_id = t.trace_id AND s.kind = @signal))
          AND (@sinceMs IS NULL OR t.completed_ms >= @sinceMs)
          AND (@failed IS NULL OR t.failed = @failed)
          AND (@service IS NULL OR t.service_name = @service)
          AND (@untilMs IS NULL OR t.completed_ms < @untilMs)
          AND (@agent IS NULL OR t.agent_name = @agent OR t.service_name = @agent)
          AND (@harnessVersion IS NULL OR t.harness_version = @harnessVersion)
          AND (@attribution IS NULL OR t.harness_attribution = @attribution)
        ORDER BY COALESCE(t.completed_ms, t.last_span_ms) DESC
        LIMIT @limit
        """;

    // The same query with PostgreSQL's string_agg for SQLite's group_concat.
    private const string ListPostgres = """
        SELECT t.trace_id, t.state, t.revision, t.completed_ms, t.service_name, t.agent_name, t.conversation_id,
               t.failed, t.corrected, t.span_count, t.harness_version, t.harness_attribution,
               (SELECT string_agg(DISTINCT kind, ',') FROM signals s WHERE s.trace_id = t.trace_id) AS kinds
        FROM traces t
        WHERE (@signal IS NULL OR EXISTS (SELECT 1 FROM signals s WHERE s.trace_id = t.trace_id AND s.kind = @signal))
          AND (@sinceMs IS NULL OR t.completed_ms >= @sinceMs)
          AND (@failed IS NULL OR t.failed = @failed)
          AND (@service IS NULL OR t.service_name = @service)
          AND (@untilMs IS NULL OR t.completed_ms < @untilMs)
          AND (@agent IS NULL OR t.agent_name = @agent OR t.service_name = @agent)
          AND (@harnessVersion IS NULL OR t.harness_version = @harnessVersion)
          AND (@attribution IS NULL OR t.harness_attribution = @attribution)
        ORDER BY COALESCE(t.completed_ms, t.last_span_ms) DESC
        LIMIT @limit
        """;

    public IReadOnlyList<TraceSummary> List(string? signal, long? sinceMs, bool? failed, int limit, string? service = null, long? untilMs = null,
        HarnessFilter? harness = null)
    {
        using var c = database.Database.Open();
        var rows = c.Query<SummaryRow>(database.Sql(sqlite: ListSqlite, postgres: ListPostgres), new { signal, sinceMs, failed = failed is null ? (int?)null : failed.Value ? 1 : 0, limit, service, untilMs,
                agent = harness?.Agent, harnessVersion = harness?.Version, attribution = harness?.Attribution });
        return rows.Select(r => new TraceSummary(
            r.Trace_id, r.State.ApiName(), r.Revision,
            r.Completed_ms is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            r.Service_name, r.Agent_name, r.Conversation_id, r.Failed != 0, r.Corrected != 0, r.Span_count,
            string.IsNullOrEmpty(r.Kinds) ? [] : r.Kinds.Split(','), r.Harness_version, r.Harness_attribution)).ToList();
    }

    /// <summary>Counts for the status line and metrics.</summary>
    public (long Open, long Completed, long Spans) Counts()
    {
        const string sql = $"""
            SELECT (SELECT count(*) FROM traces WHERE {TraceStateSql.OpenOrAmended}), -- counted on the partial index
                   (SELECT count(*) FROM traces WHERE state = @completed),
                   (SELECT CAST(COALESCE(sum(span_count), 0) AS BIGINT) FROM traces) -- sum is numeric on PostgreSQL
            """;
        using var c = database.Database.Open();
        return c.QuerySingle<(long, long, long)>(sql, new { completed = TraceState.Completed });
    }

    private sealed record SummaryRow
    {
        public string Trace_id { get; init; } = "";
        public TraceState State { get; init; }
        public long Revision { get; init; }
        public long? Completed_ms { get; init; }
        public string? Service_name { get; init; }
        public string? Agent_name { get; init; }
        public string? Conversation_id { get; init; }
        public long Failed { get; init; }
        public long Corrected { get; init; }
        public long Span_count { get; init; }
        public string? Kinds { get; init; }
        public long? Harness_version { get; init; }
        public string? Harness_attribution { get; init; }
    }
}

public sealed record TraceSummary(
    string TraceId, string State, long Revision, DateTimeOffset? CompletedAt, string? ServiceName, string? AgentName,
    string? ConversationId, bool Failed, bool Corrected, long SpanCount, IReadOnlyList<string> Signals,
    long? HarnessVersion = null, string? HarnessAttribution = null);

/// <summary>Harness filters of the trace list: the agent (agent or service name), the version, how it was attributed.</summary>
public sealed record HarnessFilter(string? Agent, int? Version, string? Attribution);
