using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Splits;
using Dapper;

namespace BetterHarness.Curation.Storage;

/// <summary>A new case's side and the situation group it joined (or started).</summary>
public sealed record SplitChoice(string Split, string GroupId, string Link, string? LinkedCase, double? Similarity);

/// <summary>
/// The situation rows of <c>case_situations</c> inside a <see cref="CurationWrite"/>: the split of a new case comes from
/// its group (<see cref="SituationGrouping"/>), a new group's from the category's balance (<see cref="SplitAssigner"/>).
/// </summary>
internal static class Situations
{
    public static SplitChoice Assign(CurationWrite w, string agent, string category, string caseId, JsonObject content, float[] vector,
        double holdoutFraction, double similarityThreshold, string? fixedSplit = null)
    {
        var keys = SituationKeys.Of(content);
        var match = SituationGrouping.Find(keys, vector, Stored(w, agent), similarityThreshold);
        SplitChoice choice = match is { } m
            ? new SplitChoice(fixedSplit ?? m.Split, m.GroupId, m.Link, m.CaseId, m.Similarity)
            : new SplitChoice(fixedSplit ?? NewGroupSplit(w, agent, category, caseId, holdoutFraction), caseId, "new", null, null);
        Insert(w, caseId, agent, category, choice, keys, vector);
        return choice;
    }

    /// <summary>Stores the situation of a case that already has a split (a case stored before situations existed).</summary>
    public static void Backfill(CurationWrite w, string caseId, string agent, string category, string split, JsonObject content, float[] vector,
        double similarityThreshold)
    {
        var keys = SituationKeys.Of(content);
        // Joins a group on its own side only: an old case cannot move, and a group must not straddle the split.
        var match = SituationGrouping.Find(keys, vector, Stored(w, agent).Where(s => s.Split == split), similarityThreshold);
        Insert(w, caseId, agent, category, new SplitChoice(split, match?.GroupId ?? caseId, "backfill", match?.CaseId, match?.Similarity), keys, vector);
    }

    public static bool Has(CurationWrite w, string caseId) =>
        w.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM case_situations WHERE case_id = @caseId", new { caseId }, w.Transaction) > 0;

    private static string NewGroupSplit(CurationWrite w, string agent, string category, string groupId, double holdoutFraction)
    {
        var counts = w.Connection.Query<(string Split, long Count)>("""
            SELECT split, COUNT(*) FROM cases WHERE agent = @agent AND category = @category AND status = 'active' GROUP BY split
            """, new { agent, category }, w.Transaction).ToDictionary(r => r.Split, r => (int)r.Count);
        return SplitAssigner.Assign(counts.GetValueOrDefault(SplitNames.Optimization), counts.GetValueOrDefault(SplitNames.Holdout), holdoutFraction, groupId);
    }

    private static IEnumerable<StoredSituation> Stored(CurationWrite w, string agent) =>
        w.Connection.Query<(string CaseId, string Category, string GroupId, string Split, string Sources, string? Action, byte[] Vector)>("""
                SELECT s.case_id, s.category, s.group_id, c.split, s.sources_json, s.action_key, s.vector
                FROM case_situations s JOIN cases c ON c.id = s.case_id WHERE s.agent = @agent
                """, new { agent }, w.Transaction)
            .Select(r => new StoredSituation(r.CaseId, r.Category, r.GroupId, r.Split,
                new SituationKeys(JsonSerializer.Deserialize<List<string>>(r.Sources) ?? [], r.Action), ToVector(r.Vector)));

    private static void Insert(CurationWrite w, string caseId, string agent, string category, SplitChoice choice, SituationKeys keys, float[] vector) =>
        w.Connection.Execute("""
            INSERT INTO case_situations (case_id, agent, category, group_id, link, linked_case, similarity, sources_json, action_key, vector, created_at)
            VALUES (@caseId, @agent, @category, @GroupId, @Link, @LinkedCase, @Similarity, @sources, @Action, @vector, @now)
            ON CONFLICT (case_id) DO NOTHING
            """, new { caseId, agent, category, choice.GroupId, choice.Link, choice.LinkedCase, choice.Similarity,
                sources = JsonSerializer.Serialize(keys.Sources), keys.Action, vector = ToBytes(vector), now = w.NowText }, w.Transaction);

    public static byte[] ToBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static float[] ToVector(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
