using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using Dapper;

namespace BetterHarness.Curation.Storage;

/// <summary>Case rows inside a <see cref="CurationWrite"/>: the current row, its tags and an immutable revision document.</summary>
internal static class CaseRows
{
    public static (CaseState State, JsonObject Document)? Current(CurationWrite w, string id)
    {
        var json = w.Connection.QueryFirstOrDefault<string?>("""
            SELECT r.doc_json FROM cases c JOIN case_revisions r ON r.case_id = c.id AND r.revision = c.revision WHERE c.id = @id
            """, new { id }, w.Transaction);
        if (json is null) return null;
        var doc = (JsonObject)JsonNode.Parse(json)!;
        return (StateOf(doc), doc);
    }

    public static CaseState StateOf(JsonObject doc) => new(
        (string)doc["id"]!, (string)doc[CaseFields.Agent]!, (string)doc[CaseFields.Category]!, (string)doc[CaseFields.Split]!,
        (bool)doc[CaseFields.MustPass]!, (string)doc[CaseFields.Status]!, (int)doc[CaseFields.Revision]!,
        (string?)doc[CaseFields.SourceCandidateId], (bool?)doc[CaseFields.AutoAccepted] ?? false, (string?)doc[CaseFields.RetiredReason])
    {
        Tags = CaseDocument.Tags(doc),
    };

    /// <summary>Stores <paramref name="state"/> as the case's newest revision (the first one when the case is new); returns the document.</summary>
    public static JsonObject Write(CurationWrite w, CaseState state, JsonObject content, string action, string actor, string? reason)
    {
        var doc = CaseDocument.Compose(content, state);
        w.Connection.Execute("""
            INSERT INTO cases (id, agent, category, split, must_pass, status, revision, source_candidate_id, auto_accepted, created_at, updated_at)
            VALUES (@Id, @Agent, @Category, @Split, @MustPass, @Status, @Revision, @SourceCandidateId, @AutoAccepted, @now, @now)
            ON CONFLICT (id) DO UPDATE SET agent = excluded.agent, category = excluded.category, must_pass = excluded.must_pass,
                status = excluded.status, revision = excluded.revision, updated_at = excluded.updated_at
            """, new { state.Id, state.Agent, state.Category, state.Split, state.Status, state.Revision, state.SourceCandidateId, now = w.NowText,
                // 0/1 columns on both engines: PostgreSQL refuses a boolean for an integer column.
                MustPass = state.MustPass ? 1 : 0, AutoAccepted = state.AutoAccepted ? 1 : 0 }, w.Transaction);
        w.Connection.Execute("DELETE FROM case_tags WHERE case_id = @Id", new { state.Id }, w.Transaction);
        w.Connection.Execute("INSERT INTO case_tags (case_id, tag) VALUES (@Id, @tag)",
            CaseDocument.Tags(doc).Distinct().Select(tag => new { state.Id, tag }), w.Transaction);
        w.Connection.Execute("""
            INSERT INTO case_revisions (case_id, revision, doc_json, action, actor, reason, at)
            VALUES (@Id, @Revision, @json, @action, @actor, @reason, @now)
            """, new { state.Id, state.Revision, json = doc.ToJsonString(), action, actor, reason, now = w.NowText }, w.Transaction);
        return doc;
    }
}
