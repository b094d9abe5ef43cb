using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Splits;

namespace BetterHarness.Curation.Tests.Splits;

/// <summary>
/// The store's split rule (<c>Storage/Situations.Assign</c>) replayed in memory for one agent: place each case by its links
/// (<see cref="SituationGrouping.Place"/>), merge the linked groups of its side, else start a group on the side
/// <see cref="SplitAssigner"/> picks from the category's counts. <c>HoldoutLeakTests</c> checks it gives the store's splits.
/// </summary>
public static class SituationReplay
{
    public static IReadOnlyDictionary<string, (string Split, string Group)> Run(IEnumerable<ReplayCase> cases, double threshold, bool entities,
        double holdoutFraction = 0.3)
    {
        var stored = new List<StoredSituation>();
        foreach (var c in cases)
        {
            var keys = entities ? c.Keys : c.Keys with { Entities = [] };
            if (SituationGrouping.Place(keys, c.Vector, stored, threshold) is { } p)
            {
                for (var i = 0; i < stored.Count; i++)
                    if (p.Merged.Contains(stored[i].GroupId)) stored[i] = stored[i] with { GroupId = p.GroupId };
                stored.Add(new StoredSituation(c.Id, c.Category, p.GroupId, p.Split, keys, c.Vector));
                continue;
            }
            var inCategory = stored.Where(s => s.Category == c.Category).ToList();
            var split = SplitAssigner.Assign(inCategory.Count(s => s.Split == SplitNames.Optimization), inCategory.Count(s => s.Split == SplitNames.Holdout),
                holdoutFraction, c.Id);
            stored.Add(new StoredSituation(c.Id, c.Category, c.Id, split, keys, c.Vector));
        }
        return stored.ToDictionary(s => s.CaseId, s => (s.Split, s.GroupId));
    }
}
