using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Storage;
using BetterHarness.ServiceDefaults.Security;
using Dapper;

namespace BetterHarness.Mining.Labels;

/// <summary>
/// Correction labels per agent. A person's label replaces that person's (or another person's) earlier label of the same
/// turn, with an audit entry in the same transaction; the judge's label sits beside it and never replaces it.
/// </summary>
public sealed class LabelStore(MiningDatabase db)
{
    private const string Columns = """
        agent, trace_id, user_turn, is_correction, source, origin, actor, role, conversation_id, span_id, assistant_text, user_text, labelled_at
        """;

    public void Save(CorrectionLabel label, Actor? actor)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute($"""
            INSERT INTO correction_labels ({Columns})
            VALUES (@Agent, @TraceId, @UserTurn, @correction, @Source, @Origin, @Actor, @Role, @ConversationId, @SpanId, @Assistant, @User, @at)
            ON CONFLICT (agent, trace_id, user_turn, source) DO UPDATE SET is_correction = excluded.is_correction, origin = excluded.origin,
                actor = excluded.actor, role = excluded.role, conversation_id = excluded.conversation_id, span_id = excluded.span_id,
                assistant_text = excluded.assistant_text, user_text = excluded.user_text, labelled_at = excluded.labelled_at
            """, new
        {
            label.Agent, label.TraceId, label.UserTurn, correction = label.IsCorrection ? 1 : 0, label.Source, label.Origin, label.Actor, label.Role,
            label.ConversationId, label.SpanId, label.Assistant, label.User, at = label.LabelledAt.ToString("O"),
        }, tx);
        if (actor is not null)
            AuditLog.Append(c, tx, actor, "correction.label", $"{label.TraceId}#{label.UserTurn}",
                $"agent {label.Agent}: {(label.IsCorrection ? "correction" : "not a correction")} ({label.Origin})", label.LabelledAt);
        tx.Commit();
    }

    /// <summary>Labels of an agent and/or a trace, oldest first.</summary>
    public IReadOnlyList<CorrectionLabel> List(string? agent, string? traceId, string? source = null)
    {
        using var c = db.Database.Open();
        return c.Query<Row>($"""
            SELECT {Columns} FROM correction_labels
            WHERE (@agent IS NULL OR agent = @agent) AND (@traceId IS NULL OR trace_id = @traceId) AND (@source IS NULL OR source = @source)
            ORDER BY labelled_at, trace_id, user_turn
            """, new { agent, traceId, source }).Select(r => r.ToLabel()).ToList();
    }

    /// <summary>The labels an agent's detector learns from: one per turn, the one that wins (person, else review, else judge).</summary>
    public IReadOnlyList<CorrectionLabel> ForTraining(string agent) => Winning(List(agent, null));

    /// <summary>People's labels of an agent (person and review), one per turn, the person's winning.</summary>
    public IReadOnlyList<CorrectionLabel> Human(string agent) => Winning(List(agent, null).Where(l => LabelSources.IsHuman(l.Source)));

    /// <summary>One label per turn: the one whose source ranks first.</summary>
    public static IReadOnlyList<CorrectionLabel> Winning(IEnumerable<CorrectionLabel> labels) => labels
        .GroupBy(l => (l.TraceId, l.UserTurn))
        .Select(g => g.OrderBy(l => LabelSources.Rank(l.Source)).First())
        .OrderBy(l => l.LabelledAt).ThenBy(l => l.TraceId, StringComparer.Ordinal).ThenBy(l => l.UserTurn).ToList();

    /// <summary>Agents with at least one label.</summary>
    public IReadOnlyList<string> Agents()
    {
        using var c = db.Database.Open();
        return c.Query<string>("SELECT DISTINCT agent FROM correction_labels ORDER BY agent").ToList();
    }

#pragma warning disable IDE1006
    private sealed class Row
    {
        public string agent { get; set; } = "";
        public string trace_id { get; set; } = "";
        public long user_turn { get; set; }
        public long is_correction { get; set; }
        public string source { get; set; } = "";
        public string origin { get; set; } = "";
        public string actor { get; set; } = "";
        public string role { get; set; } = "";
        public string? conversation_id { get; set; }
        public string? span_id { get; set; }
        public string assistant_text { get; set; } = "";
        public string user_text { get; set; } = "";
        public string labelled_at { get; set; } = "";

        public CorrectionLabel ToLabel() => new(agent, trace_id, (int)user_turn, is_correction != 0, source, origin, actor, role, conversation_id,
            span_id, assistant_text, user_text, DateTimeOffset.Parse(labelled_at, System.Globalization.CultureInfo.InvariantCulture));
    }
#pragma warning restore IDE1006
}
