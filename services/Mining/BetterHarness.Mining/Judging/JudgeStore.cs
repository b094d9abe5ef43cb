using BetterHarness.Mining.Storage;
using Dapper;

namespace BetterHarness.Mining.Judging;

/// <summary>A user turn waiting for the judge.</summary>
public sealed record JudgeTurn(string Agent, string TraceId, int UserTurn, double Score, string? ConversationId, string? SpanId,
    string Assistant, string User, int Errors);

/// <summary>The judge's queue, its answer cache (by prompt and model) and its spend per call.</summary>
public sealed class JudgeStore(MiningDatabase db)
{
    /// <summary>Queues turns (a turn already queued keeps its place and state).</summary>
    public void Offer(IReadOnlyList<JudgeTurn> turns, long nowMs)
    {
        if (turns.Count == 0) return;
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO judge_queue (agent, trace_id, user_turn, score, conversation_id, span_id, assistant_text, user_text, queued_ms, next_ms, errors, done)
            VALUES (@Agent, @TraceId, @UserTurn, @Score, @ConversationId, @SpanId, @Assistant, @User, @nowMs, 0, 0, 0)
            ON CONFLICT (agent, trace_id, user_turn) DO NOTHING
            """, turns.Select(t => new { t.Agent, t.TraceId, t.UserTurn, t.Score, t.ConversationId, t.SpanId, t.Assistant, t.User, nowMs }), tx);
        tx.Commit();
    }

    /// <summary>Turns due now, newest first.</summary>
    public IReadOnlyList<JudgeTurn> Due(long nowMs, int limit)
    {
        using var c = db.Database.Open();
        return c.Query<Row>("""
            SELECT agent, trace_id, user_turn, score, conversation_id, span_id, assistant_text, user_text, errors
            FROM judge_queue WHERE done = 0 AND next_ms <= @nowMs ORDER BY queued_ms DESC, trace_id, user_turn LIMIT @limit
            """, new { nowMs, limit }).Select(r => new JudgeTurn(r.agent, r.trace_id, (int)r.user_turn, r.score, r.conversation_id, r.span_id,
                r.assistant_text, r.user_text, (int)r.errors)).ToList();
    }

    public void Done(JudgeTurn t)
    {
        using var c = db.Database.Open();
        c.Execute("UPDATE judge_queue SET done = 1 WHERE agent = @Agent AND trace_id = @TraceId AND user_turn = @UserTurn", t);
    }

    public void Defer(JudgeTurn t, long nextMs)
    {
        using var c = db.Database.Open();
        c.Execute("UPDATE judge_queue SET errors = errors + 1, next_ms = @nextMs WHERE agent = @Agent AND trace_id = @TraceId AND user_turn = @UserTurn",
            new { t.Agent, t.TraceId, t.UserTurn, nextMs });
    }

    public bool? Cached(string key)
    {
        using var c = db.Database.Open();
        return c.QueryFirstOrDefault<long?>("SELECT is_correction FROM judge_answers WHERE cache_key = @key", new { key }) is { } v ? v != 0 : null;
    }

    public void Answer(string key, string model, bool isCorrection, long nowMs)
    {
        using var c = db.Database.Open();
        c.Execute("""
            INSERT INTO judge_answers (cache_key, model, is_correction, answered_ms) VALUES (@key, @model, @v, @nowMs) ON CONFLICT (cache_key) DO NOTHING
            """, new { key, model, v = isCorrection ? 1 : 0, nowMs });
    }

    public void AddSpend(string model, long tokens, long nowMs)
    {
        using var c = db.Database.Open();
        c.Execute("INSERT INTO judge_spend (model, at_ms, tokens) VALUES (@model, @nowMs, @tokens)", new { model, nowMs, tokens });
    }

    public long SpentSince(string model, long sinceMs)
    {
        using var c = db.Database.Open();
        return c.ExecuteScalar<long?>("SELECT SUM(tokens) FROM judge_spend WHERE model = @model AND at_ms >= @sinceMs", new { model, sinceMs }) ?? 0;
    }

#pragma warning disable IDE1006
    private sealed class Row
    {
        public string agent { get; set; } = "";
        public string trace_id { get; set; } = "";
        public long user_turn { get; set; }
        public double score { get; set; }
        public string? conversation_id { get; set; }
        public string? span_id { get; set; }
        public string assistant_text { get; set; } = "";
        public string user_text { get; set; } = "";
        public long errors { get; set; }
    }
#pragma warning restore IDE1006
}
