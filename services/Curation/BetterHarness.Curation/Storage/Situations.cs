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
        var placement = SituationGrouping.Place(keys, vector, Stored(w, agent), similarityThreshold);
        SplitChoice choice;
        if (placement is { } p && (fixedSplit is null || fixedSplit == p.Split))
        {
            Merge(w, agent, p.GroupId, p.Merged);
            choice = new SplitChoice(p.Split, p.GroupId, p.Bridged.Count > 0 ? "bridge:" + p.Link : p.Link, p.CaseId, p.Similarity);
        }
        else if (placement is { } q)
            // An imported line keeps the split it carries even against its situation's side; it still joins the group, so the
            // straddle shows in the leak figure (groupsOnBothSides).
            choice = new SplitChoice(fixedSplit!, q.GroupId, "imported:" + q.Link, q.CaseId, q.Similarity);
        else
            choice = new SplitChoice(fixedSplit ?? NewGroupSplit(w, agent, category, caseId, holdoutFraction), caseId, "new", null, null);
        Insert(w, caseId, agent, category, choice, keys, vector);
        return choice;
    }

    /// <summary>Stores the situation of a case that already has a split (a case stored before situations existed).</summary>
    public static void Backfill(CurationWrite w, string caseId, string agent, string category, string split, JsonObject content, float[] vector,
        double similarityThreshold)
    {
        var keys = SituationKeys.Of(content);
        // Joins groups on its own side only: an old case cannot move, and a group must not straddle the split.
        var placement = SituationGrouping.Place(keys, vector, Stored(w, agent).Where(s => s.Split == split), similarityThreshold);
        if (placement is not null) Merge(w, agent, placement.GroupId, placement.Merged);
        Insert(w, caseId, agent, category, new SplitChoice(split, placement?.GroupId ?? caseId, "backfill", placement?.CaseId, placement?.Similarity), keys, vector);
    }

    /// <summary>The union step: groups on one side that a new case links become one (their cases keep their side).</summary>
    private static void Merge(CurationWrite w, string agent, string into, IReadOnlyList<string> groups)
    {
        if (groups.Count == 0) return;
        w.Connection.Execute("UPDATE case_situations SET group_id = @into WHERE agent = @agent AND group_id = @group",
            groups.Select(group => new { into, agent, group }), w.Transaction);
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
                SituationKeys.FromStored(JsonSerializer.Deserialize<List<string>>(r.Sources) ?? [], r.Action), ToVector(r.Vector)));

    private static void Insert(CurationWrite w, string caseId, string agent, string category, SplitChoice choice, SituationKeys keys, float[] vector) =>
        w.Connection.Execute("""
            INSERT INTO case_situations (case_id, agent, category, group_id, link, linked_case, similarity, sources_json, action_key, vector, created_at)
            VALUES (@caseId, @agent, @category, @GroupId, @Link, @LinkedCase, @Similarity, @sources, @Action, @vector, @now)
            ON CONFLICT (case_id) DO NOTHING
            """, new { caseId, agent, category, choice.GroupId, choice.Link, choice.LinkedCase, choice.Similarity,
                sources = JsonSerializer.Serialize(keys.StoredKeys), keys.Action, vector = ToBytes(vector), now = w.NowText }, w.Transaction);

    public static byte[] ToBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static float[] ToVector(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
